// To the PMO channel, once per person: someone who left Slack still owns items a check-in would ask about.
import { z } from 'zod';
import { md } from '../mrkdwn.ts';
import { truncate } from '../text.ts';
import { sectionsMessage } from '../views/message.ts';
import type { NoticeRenderer } from './types.ts';

const Payload = z.object({
  slackUserId: z.string(),
  items: z.array(z.object({ ref: z.string(), title: z.string() })),
  total: z.number().int(),
});

export const renderCheckInDeparted: NoticeRenderer = (raw) => {
  const payload = Payload.parse(raw);
  const list = md.join(
    payload.items.map((item) => md`*${item.ref}* ${truncate(item.title, 80)}`),
    md`, `,
  );
  const more =
    payload.total > payload.items.length ? ` and ${payload.total - payload.items.length} more` : '';
  return sectionsMessage([
    md`${md.user(payload.slackUserId)} has left the workspace but still owns ${list}${more}. They are not prompted to check in: give these items a new owner.`,
  ]);
};
