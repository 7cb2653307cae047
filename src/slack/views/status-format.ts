// How statuses, progress and measured values read in Slack. Pure text helpers shared by the tree, `/okr show`
// and the Home tab, so an item looks the same wherever it appears.
import { formatAmount, isCurrency } from '../../domain/numbers/index.ts';
import { isSlackUserId } from '../../domain/slack-ids.ts';
import { type KpiBand, type StatusLevel, statusLabel } from '../../domain/status/index.ts';
import type { KeyResultFigures } from '../../services/alignment-tree.ts';
import { type Mrkdwn, md } from '../mrkdwn.ts';
import { truncate } from '../text.ts';

const STATUS_EMOJI: Record<StatusLevel, string> = {
  on_track: ':large_green_circle:',
  at_risk: ':large_yellow_circle:',
  off_track: ':red_circle:',
};

const BAND_EMOJI: Record<KpiBand, string> = {
  green: ':large_green_circle:',
  amber: ':large_yellow_circle:',
  red: ':red_circle:',
};

export function statusEmoji(status: StatusLevel): string {
  return STATUS_EMOJI[status];
}

/** ":large_yellow_circle: at risk": colour for scanning, words for screen readers and colour blindness. */
export function statusBadge(status: StatusLevel): Mrkdwn {
  return md`${STATUS_EMOJI[status]} ${statusLabel(status)}`;
}

export function bandBadge(band: KpiBand | null): Mrkdwn {
  return band ? md`${BAND_EMOJI[band]} ${band}` : md`:white_circle: no reading`;
}

const BAR_CELLS = 5;

/**
 * "▰▰▰▱▱ 62%". The bar is capped at full while the percent keeps over-achievement (120%); null means
 * nothing is measured yet, which must not read as 0% done.
 */
export function progressBar(fraction: number | null): Mrkdwn {
  if (fraction === null || !Number.isFinite(fraction)) return md`${'▱'.repeat(BAR_CELLS)} not measured`;
  const shown = Math.max(0, fraction);
  const filled = Math.min(BAR_CELLS, Math.round(shown * BAR_CELLS));
  return md`${'▰'.repeat(filled)}${'▱'.repeat(BAR_CELLS - filled)} ${Math.round(shown * 100)}%`;
}

/** A value with its unit, ready for mrkdwn: "15%", "$12,000", "340 customers" (the unit is escaped). */
export function amount(value: number, unit: string): Mrkdwn {
  return md`${formatAmount(value, unit)}`;
}

/** What a key result asks for, in words: "from 8% up to 15%", "stay below $180", "done or not done". */
export function targetText(
  kr: { kind: string; start: number; target: number; unit: string },
  milestoneText: Mrkdwn,
): Mrkdwn {
  switch (kr.kind) {
    case 'increase':
      return md`from ${amount(kr.start, kr.unit)} up to ${amount(kr.target, kr.unit)}`;
    case 'decrease':
      return md`from ${amount(kr.start, kr.unit)} down to ${amount(kr.target, kr.unit)}`;
    case 'stay_above':
      return md`stay above ${amount(kr.target, kr.unit)}`;
    case 'stay_below':
      return md`stay below ${amount(kr.target, kr.unit)}`;
    case 'boolean':
      return md`done or not done`;
    default:
      return milestoneText;
  }
}

/** "12 / 20 customers", "now 180 ms, stay below 200 ms", "2 of 4 milestones", "done". */
export function keyResultFigures(kr: KeyResultFigures): Mrkdwn {
  const now = kr.value === null ? md`–` : amount(kr.value, kr.unit);
  switch (kr.kind) {
    case 'increase':
    case 'decrease': {
      // "40 / 100 customers" reads better than "40 customers / 100 customers"; % and currency stay on both.
      const wordUnit = kr.unit !== '' && kr.unit !== '%' && !isCurrency(kr.unit);
      const current = kr.value === null ? md`–` : wordUnit ? amount(kr.value, '') : now;
      return md`${current} / ${amount(kr.target, kr.unit)}`;
    }
    case 'stay_above':
      return md`now ${now}, stay above ${amount(kr.target, kr.unit)}`;
    case 'stay_below':
      return md`now ${now}, stay below ${amount(kr.target, kr.unit)}`;
    case 'boolean':
      return kr.value !== null && kr.value >= 1 ? md`done` : md`not done yet`;
    default:
      return md`${kr.milestonesDone} of ${kr.milestonesTotal} milestones`;
  }
}

/**
 * A status reason after its badge. Objective reasons open with their own status ("off track: …"), which
 * the badge already says.
 */
export function reasonAfterBadge(status: StatusLevel, reason: string | undefined): Mrkdwn {
  if (!reason) return md``;
  const prefix = `${statusLabel(status)}: `;
  const text = reason.startsWith(prefix) ? reason.slice(prefix.length) : reason;
  return md` — ${truncate(text, 160)}`;
}

/** A person as a mention, or a plain word when the id is missing or not a Slack user id (e.g. "import"). */
export function person(slackId: string | null | undefined, none = 'no owner'): Mrkdwn {
  if (!slackId) return md`${none}`;
  return isSlackUserId(slackId) ? md.user(slackId) : md`_${slackId}_`;
}

/**
 * A moment in the reader's own time zone: Slack renders `<!date>` locally and shows the fallback
 * (UTC) where it cannot.
 */
export function slackDate(at: Date, withTime = true): Mrkdwn {
  const seconds = Math.floor(at.getTime() / 1000);
  const iso = at.toISOString();
  const fallback = withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
  const format = withTime ? '{date_short} {time}' : '{date_short}';
  return md.date(seconds, format, fallback);
}
