// The App Home's check-in parts: a "Check in" button with this week's state, and "due / done this week"
// after each item.
import type { KnownBlock } from '@slack/types';
import type { HomeCheckIns } from '../../../services/home-check-ins.ts';
import { CHECKIN_ACTION } from '../../check-in-ids.ts';
import { EMPTY, type Mrkdwn, md } from '../../mrkdwn.ts';
import { PLAIN_MAX, plainText } from '../plain-text.ts';

export function checkInActions(checkIns: HomeCheckIns): KnownBlock {
  return {
    type: 'actions',
    block_id: 'okra.home.checkin',
    elements: [
      {
        type: 'button',
        action_id: CHECKIN_ACTION.open,
        text: plainText(`Check in for ${checkIns.period}`, PLAIN_MAX.button),
        value: checkIns.period,
        ...(checkIns.paused ? {} : { style: 'primary' as const }),
      },
    ],
  };
}

export function checkInMark(ref: string, checkIns: HomeCheckIns | undefined): Mrkdwn {
  if (!checkIns) return EMPTY;
  if (checkIns.done.has(ref)) return md` · :white_check_mark: done this week`;
  return checkIns.paused ? md` · paused this week` : md` · due this week`;
}
