// `/okr help`: what this person may do, one example each.

import type { KnownBlock } from '@slack/types';
import { can, parseRole } from '../../domain/permissions.ts';
import type { CommandDef } from '../commands/types.ts';
import { EMPTY, md } from '../mrkdwn.ts';
import { type SlackMessage, sectionBlock, sectionsMessage } from './message.ts';
import { packLines } from './tree.ts';

const ROLE_NAMES: Record<string, string> = { admin: 'PMO admin', leader: 'leader', member: 'team member' };

export function commandsFor(role: string, commands: readonly CommandDef[]): CommandDef[] {
  return commands.filter(
    (command) => command.access !== 'admin' || can({ memberId: 0, role: parseRole(role) }, 'structure'),
  );
}

export function helpMessage(role: string, commands: readonly CommandDef[]): SlackMessage {
  const allowed = commandsFor(role, commands);
  const lines = allowed.map(
    (command) => md`• \`/okr ${command.name}\` ${command.summary}\n    e.g. \`${command.example}\``,
  );
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Okra: OKRs and KPIs in Slack' } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: md`You are a ${ROLE_NAMES[role] ?? role}. Most commands open a form when typed without arguments.`
            .text,
        },
      ],
    },
    // Sections hold at most 3000 characters: the lines go into as many sections as needed.
    ...packLines(lines).map(sectionBlock),
  ];
  const names = allowed.map((command) => `/okr ${command.name}`).join(', ');
  return { text: md`Okra commands you can use: ${names}`.text, blocks };
}

export function unknownCommandMessage(typed: string, suggestion: string | undefined): SlackMessage {
  const hint = suggestion ? md` Did you mean \`/okr ${suggestion}\`?` : EMPTY;
  const text = md`Okra has no command \`${typed}\`.${hint} Type \`/okr help\` to see what you can do.`;
  return sectionsMessage([text]);
}
