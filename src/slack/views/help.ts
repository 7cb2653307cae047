// `/okr help`: what this person may do, one example each.

import type { KnownBlock } from '@slack/types';
import { can, parseRole } from '../../domain/permissions.ts';
import type { CommandDef } from '../commands/types.ts';
import { escapeMrkdwn } from '../text.ts';
import type { SlackMessage } from './message.ts';

const ROLE_NAMES: Record<string, string> = { admin: 'PMO admin', leader: 'leader', member: 'team member' };

export function commandsFor(role: string, commands: readonly CommandDef[]): CommandDef[] {
  return commands.filter(
    (command) => command.access !== 'admin' || can({ memberId: 0, role: parseRole(role) }, 'structure'),
  );
}

export function helpMessage(role: string, commands: readonly CommandDef[]): SlackMessage {
  const allowed = commandsFor(role, commands);
  const lines = allowed.map(
    (command) =>
      `• \`/okr ${command.name}\` ${escapeMrkdwn(command.summary)}\n    e.g. \`${escapeMrkdwn(command.example)}\``,
  );
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Okra: OKRs and KPIs in Slack' } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `You are a ${ROLE_NAMES[role] ?? role}. Most commands open a form when typed without arguments.`,
        },
      ],
    },
  ];
  // Sections hold at most 3000 characters: group the lines into as many sections as needed.
  let chunk: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > 2900 && chunk.length > 0) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk.join('\n') } });
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += line.length + 1;
  }
  if (chunk.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk.join('\n') } });
  const text = `Okra commands you can use: ${allowed.map((command) => `/okr ${command.name}`).join(', ')}`;
  return { text, blocks };
}

export function unknownCommandMessage(typed: string, suggestion: string | undefined): SlackMessage {
  const hint = suggestion ? ` Did you mean \`/okr ${suggestion}\`?` : '';
  const text = `Okra has no command \`${escapeMrkdwn(typed)}\`.${hint} Type \`/okr help\` to see what you can do.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
