// The DM confirming a weekly check-in: one line per item with its value and status, and the risk raised.
import type { SheetRecorded } from '../../../services/check-in-sheet.ts';
import { MAX_BLOCKS_PER_MESSAGE } from '../../limits.ts';
import { EMPTY, md } from '../../mrkdwn.ts';
import { truncate } from '../../text.ts';
import { checkInSummary } from '../flags.ts';
import type { SlackMessage } from '../message.ts';

const STATUS_WORD = { on_track: 'on track', at_risk: 'at risk', off_track: 'off track' } as const;

/** Lines past this many are summarised, so the message stays within Slack's limits whatever the count. */
const MAX_LINES = 40;

export function sheetReply(done: SheetRecorded, riskRef: string | null): SlackMessage {
  const lines = done.recorded.map((recorded) => {
    const summary = checkInSummary(recorded);
    // The sheet ticks milestones as a set, so the value to show is the share done.
    const value =
      recorded.item.kind === 'milestone'
        ? `${Math.round(recorded.value * 100)}% of milestones done`
        : summary.valueText;
    return md`• *${summary.ref}* ${truncate(summary.title, 80)}: ${value} — ${STATUS_WORD[summary.status]}${summary.replaced ? md` _(replaced your earlier answer)_` : EMPTY}`
      .text;
  });
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push(`…and ${lines.length - MAX_LINES} more.`);
  const headline = `Checked in for ${done.period}: ${done.recorded.length} item${done.recorded.length === 1 ? '' : 's'}${riskRef ? `, and ${riskRef} added to the risk register` : ''}. Thank you!`;
  const blocks = [
    { type: 'section' as const, text: { type: 'mrkdwn' as const, text: headline } },
    ...(shown.length
      ? [
          {
            type: 'section' as const,
            text: { type: 'mrkdwn' as const, text: truncate(shown.join('\n'), 3000) },
          },
        ]
      : []),
  ];
  return { text: headline, blocks: blocks.slice(0, MAX_BLOCKS_PER_MESSAGE) };
}
