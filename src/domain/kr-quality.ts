/**
 * SMART hints for a key result: problems worth pointing out without refusing the change. A PMO may have
 * good reasons to save a key result that is not yet ideal, so these become notes on the confirmation (and
 * warnings in the plan importer) rather than errors.
 *
 * The rules are deliberately simple, so that people can predict them:
 * - not measurable: the kind is `boolean` (done / not done) and the title names no number. A yes/no key
 *   result whose title carries a figure ("Sign 3 reference customers") still states a checkable bar; one
 *   without ("Launch the pricing page") reads like a task rather than an outcome.
 * - no owner: nobody is accountable for it.
 * - cycle ended: the cycle's last day is before today (a cycle includes its end day), so there is no time
 *   left to move the key result.
 *
 * Messages contain no user text, so they are safe to show in mrkdwn as they are.
 */
import { isoFromDate } from './dates.ts';

export type QualityHintCode = 'not_measurable' | 'no_owner' | 'cycle_ended';

export interface QualityHint {
  code: QualityHintCode;
  message: string;
}

export interface QualityKeyResult {
  title: string;
  kind: string;
  /** Any owner reference (member id, Slack id); null or undefined means nobody. */
  owner?: string | number | null | undefined;
}

export interface QualityCycle {
  /** The cycle's last day, YYYY-MM-DD. */
  end: string;
}

export function qualityHints(
  kr: QualityKeyResult,
  cycle: QualityCycle | undefined,
  now: Date,
): QualityHint[] {
  const hints: QualityHint[] = [];
  if (kr.kind === 'boolean' && !/\d/.test(kr.title)) {
    hints.push({
      code: 'not_measurable',
      message:
        'It has no measurable target: a yes/no key result whose title names no number reads like a task. ' +
        'If progress can be counted, use the kind increase with a start and a target.',
    });
  }
  if (kr.owner === null || kr.owner === undefined || kr.owner === '') {
    hints.push({ code: 'no_owner', message: 'It has no owner: nobody is accountable for it yet.' });
  }
  if (cycle && isoFromDate(now) > cycle.end) {
    hints.push({
      code: 'cycle_ended',
      message: `Its cycle ended on ${cycle.end}: there is no time left to move it.`,
    });
  }
  return hints;
}
