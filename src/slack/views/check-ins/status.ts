// `/okr checkin status`: per team, who has checked in this period, who is excused and who is waiting.
import type { KnownBlock } from '@slack/types';
import type { CheckInStatus, TeamCheckIns } from '../../../services/check-in-status.ts';
import { MAX_BLOCKS_PER_MESSAGE } from '../../limits.ts';
import { md } from '../../mrkdwn.ts';
import { mention, truncate } from '../../text.ts';
import type { SlackMessage } from '../message.ts';

/** Mentions listed per line before "and N more", so a section stays well under 3,000 characters. */
const MAX_PEOPLE = 40;

function people(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_PEOPLE).map(mention).join(', ');
  return ids.length > MAX_PEOPLE ? `${shown} and ${ids.length - MAX_PEOPLE} more` : shown;
}

function teamSection(entry: TeamCheckIns): KnownBlock {
  const name = entry.team === null ? '_No team_' : md`*${truncate(entry.team, 80)}*`.text;
  const total = entry.done.length + entry.excused.length + entry.waiting.length;
  const lines = [
    `${name} — ${entry.done.length} of ${total} checked in · ${entry.excused.length} paused or skipped · ${entry.waiting.length} waiting`,
    ...(entry.waiting.length ? [`Waiting: ${people(entry.waiting)}`] : []),
    ...(entry.excused.length ? [`Paused or skipped: ${people(entry.excused)}`] : []),
  ];
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) } };
}

export function checkInStatusMessage(status: CheckInStatus): SlackMessage {
  const { done, excused, waiting } = status.totals;
  const headline = `Check-ins for ${status.period}: ${done} checked in, ${excused} paused or skipped, ${waiting} waiting.`;
  if (status.teams.length === 0)
    return { text: `${headline} Nobody owns an active key result or KPI in the current cycle.` };
  const room = MAX_BLOCKS_PER_MESSAGE - 2;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*` } },
    ...status.teams.slice(0, room).map(teamSection),
  ];
  if (status.teams.length > room)
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `…and ${status.teams.length - room} more teams, counted in the totals above.`,
        },
      ],
    });
  return { text: headline, blocks };
}
