// The check-in prompt DM: what is due (last value, status and its main reason), with "Check in", "Snooze
// until tomorrow" and "Skip this week". The same kind renders reminders, and the prompt updated in place
// once the person checked in or skipped. At most 15 items are listed, so it stays far within 50 blocks.
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { parseStatusLevel } from '../../domain/status/index.ts';
import { CHECKIN_ACTION } from '../check-in-ids.ts';
import { MAX_BLOCKS_PER_MESSAGE } from '../limits.ts';
import { EMPTY, type Mrkdwn, md } from '../mrkdwn.ts';
import { truncate } from '../text.ts';
import { type SlackMessage, sectionBlock } from '../views/message.ts';
import { amount, statusBadge } from '../views/status-format.ts';
import { packLines } from '../views/tree.ts';
import type { NoticeRenderer } from './types.ts';

const Item = z.object({
  ref: z.string(),
  title: z.string(),
  kind: z.string(),
  unit: z.string(),
  last: z.number().nullable(),
  status: z.string().nullable(),
  reason: z.string().nullable(),
});

export const PromptPayloadSchema = z.object({
  period: z.string(),
  scheduleId: z.number(),
  state: z.enum(['prompted', 'reminder', 'done', 'skipped', 'snoozed']),
  items: z.array(Item),
  total: z.number().int(),
  reminder: z.number().int().optional(),
});

function itemLine(item: z.infer<typeof Item>): Mrkdwn {
  const last =
    item.last === null
      ? 'no value yet'
      : item.kind === 'boolean'
        ? item.last >= 1
          ? 'done'
          : 'not done'
        : item.kind === 'milestone'
          ? `${Math.round(item.last * 100)}% of milestones`
          : `last ${amount(item.last, item.unit)}`;
  const level = parseStatusLevel(item.status);
  const reason = item.reason ? md` — ${truncate(item.reason, 200)}` : EMPTY;
  const status = level ? md` · ${statusBadge(level)}${reason}` : EMPTY;
  return md`• *${item.ref}* ${truncate(item.title, 120)} · ${last}${status}`;
}

function headline(payload: z.infer<typeof PromptPayloadSchema>): string {
  const count = `${payload.total} item${payload.total === 1 ? '' : 's'}`;
  switch (payload.state) {
    case 'done':
      return `:white_check_mark: Checked in for ${payload.period}. Thank you!`;
    case 'skipped':
      return `Skipped ${payload.period}: no reminders this week.`;
    case 'reminder':
      return `Reminder: your check-in for ${payload.period} is still open (${count} due).`;
    case 'snoozed':
      return `As asked yesterday: time to check in for ${payload.period} (${count} due).`;
    default:
      return `Time to check in for ${payload.period}: ${count} due. It takes about a minute.`;
  }
}

export function promptMessage(payload: z.infer<typeof PromptPayloadSchema>): SlackMessage {
  const text = headline(payload);
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  const open = payload.state !== 'done' && payload.state !== 'skipped';
  if (open) {
    blocks.push(...packLines(payload.items.map(itemLine)).map(sectionBlock));
    if (payload.total > payload.items.length)
      blocks.push({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `…and ${payload.total - payload.items.length} more, all in the check-in form.`,
          },
        ],
      });
    blocks.push({
      type: 'actions',
      block_id: 'okra.checkin.prompt',
      elements: [
        {
          type: 'button',
          action_id: CHECKIN_ACTION.open,
          style: 'primary',
          text: { type: 'plain_text', text: 'Check in' },
          value: payload.period,
        },
        {
          type: 'button',
          action_id: CHECKIN_ACTION.snooze,
          text: { type: 'plain_text', text: 'Snooze until tomorrow' },
          value: `${payload.scheduleId}:${payload.period}`,
        },
        {
          type: 'button',
          action_id: CHECKIN_ACTION.skip,
          text: { type: 'plain_text', text: 'Skip this week' },
          value: payload.period,
        },
      ],
    });
  }
  return { text, blocks: blocks.slice(0, MAX_BLOCKS_PER_MESSAGE) };
}

export const renderCheckInPrompt: NoticeRenderer = (payload) =>
  promptMessage(PromptPayloadSchema.parse(payload));
