/**
 * The weighed outlook for an increase/decrease key result: one estimate of where it ends, made from
 * what the numbers say and what the owner says, each weighted by how far it can be trusted now.
 *
 * - The numbers: the pace so far along the plan's own curve, and the robust trend through recent
 *   check-ins, averaged. Early in a cycle and after long silences they say less: after a silence of
 *   more than FRESH_PERIODS check-in periods the trend counts only against the key result.
 * - Silence itself: a short one (at-risk long, not yet off-track long) is weighed here rather than
 *   deciding on its own (key-result-status); the pace falls as the plan moves on without a reading.
 * - The owner: the latest confidence, read through the owner's calibration (how their ratings have
 *   matched outcomes in finished cycles). It counts more when it is fresh and steady, less when it
 *   has moved about, and less again when the key result has stalled (it moved, then stopped while the
 *   plan expected it to move: a stall contradicts an unchanged high rating). A key result that never
 *   moved is not a stall: a late landing would explain it.
 */
import {
  type ConfidenceCalibration,
  describeCalibration,
  expectedFromConfidence,
  ratingReliability,
} from './calibration.ts';
import type { ConfidenceReading } from './confidence.ts';
import { curveAt, expectedProgress } from './expected-progress.ts';
import { formatPercent } from './format.ts';
import type { KeyResultProgress } from './progress.ts';
import { towardTargetProgress } from './progress.ts';
import type { StatusSettings } from './settings.ts';
import { elapsedShare, MS_PER_DAY, usableHistory } from './time.ts';
import type { Cycle, KeyResult } from './types.ts';

export interface OutlookInput {
  kr: KeyResult;
  kind: 'increase' | 'decrease';
  cycle: Cycle;
  now: Date;
  settings: StatusSettings;
  progress: KeyResultProgress;
  /** Progress the plan's curve expects now. */
  expected: number;
  /** The trend forecast's attainment, or null when there are too few check-ins for a trend. */
  trend: number | null;
  confidence: ConfidenceReading;
  calibration: ConfidenceCalibration;
}

export interface Outlook {
  /** Expected final attainment (1 = target met). */
  estimate: number;
  low: number;
  high: number;
  /** What the numbers alone point to, or null when nothing is measured. */
  numbers: number | null;
  /** What the owner's calibrated confidence points to, or null when there is no usable rating. */
  owner: number | null;
  /** Share of the estimate given to the owner's rating, 0..1. */
  ownerWeight: number;
  /** Plain-word notes on how the owner's rating was read; empty when it was not used. */
  ownerNotes: string[];
  /** What the estimate assumed, in plain words. */
  assumed: string;
}

/** Ratings older than this many check-in periods are not used for the outlook. */
export const FRESH_PERIODS = 2;
/** The owner's share of the estimate at best (fresh, steady, not contradicted, with a track record). */
export const OWNER_WEIGHT_MAX = 0.5;
/** A calibrated rating pointing at least this high, held steadily, counts as strong. */
export const STRONG_RATING = 0.85;
export const STRONG_OWNER_WEIGHT = 0.9;
/** How much of the cycle's worth of evidence the plan's own pace counts for in the pace estimate. */
export const PLAN_PSEUDO_SHARE = 0.1;

export function weighOutlook(input: OutlookInput): Outlook {
  const { kr, kind, cycle, now, settings, progress, expected, trend, confidence, calibration } = input;
  const curve = kr.curve ?? 'linear';
  const elapsed = elapsedShare(cycle, now);
  const cap = Math.max(1, settings.forecastMaxAttainment);
  const clamp = (x: number) => Math.min(cap, Math.max(0, x));

  // The numbers. The pace so far counts the plan's own pace as PLAN_PSEUDO_SHARE of the cycle's worth
  // of evidence, so the first week's figure is not read as the quarter's, and so that time passing
  // without a check-in can only lower it.
  const pace = progress.measured
    ? clamp((progress.raw + PLAN_PSEUDO_SHARE) / (expected + PLAN_PSEUDO_SHARE))
    : null;
  // A stall (the numbers moved, then stopped) breaks the pace so far: it no longer describes the key
  // result, so the trend through the recent check-ins speaks for the numbers alone.
  const stalled = stalledAfterMoving(kr, kind, cycle, now, settings);
  // After a silence longer than FRESH_PERIODS the trend, drawn at the last check-in, counts only
  // against the key result, never for it (as an old rating does): silence must not help.
  const periodMs = Math.max(1, settings.checkInPeriodDays) * MS_PER_DAY;
  const lastCheckIn = usableHistory(kr.checkIns, now).at(-1)?.at ?? null;
  const silentTooLong =
    lastCheckIn !== null && now.getTime() - lastCheckIn.getTime() > FRESH_PERIODS * periodMs;
  const trendNow = silentTooLong && trend !== null && pace !== null ? Math.min(trend, pace) : trend;
  const numberViews = (stalled && trendNow !== null ? [trendNow] : [pace, trendNow]).filter(
    (x): x is number => x !== null,
  );
  const numbers: number | null =
    numberViews.length > 0 ? numberViews.reduce((a, b) => a + b, 0) / numberViews.length : null;

  // The owner.
  const fresh =
    confidence.latestAt !== null && now.getTime() - confidence.latestAt.getTime() <= FRESH_PERIODS * periodMs;
  const ratings = ratingsUpTo(kr, now);
  const reliability = ratingReliability(calibration);
  // A stall is no late landing: the key result moved and then stopped.
  const explainedByLateShape =
    !stalled &&
    curve !== 'back_loaded' &&
    progress.measured &&
    progress.raw * 100 >= curveAt('back_loaded', elapsed) * 100 - settings.offTrackGapPoints;
  const flat = stalled;

  /** What the owner's view contributes if their latest rating were `rating`. */
  const ownerView = (rating: number) => {
    const notes: string[] = [];
    let value = expectedFromConfidence(rating, calibration);
    // An old rating still counts against a key result, never for it: silence must not help.
    if (!fresh && numbers !== null && value > numbers) {
      value = numbers;
      notes.push('the latest rating is too old to count in its favour');
    }
    const steadiness = steadyShare([...ratings.slice(0, -1), rating]);
    // Weights go with precision (inverse variance): a rating whose outcomes scattered twice as widely
    // as the prior assumes counts for a quarter as much.
    let weight = OWNER_WEIGHT_MAX * (0.55 + 0.45 * steadiness) * reliability ** 2;
    if (calibration.source === 'prior') weight *= 0.85;
    // A strong, steady, fresh rating may outweigh a gap that a back-loaded plan would explain: the
    // owner may know of a launch or a deal the plan's straight line does not show.
    // Strong means the owner says so (a rating above the at-risk line) and it reads strong once calibrated:
    // a cautious owner's habitual middling rating is a base rate, not knowledge of a late landing.
    if (
      fresh &&
      rating > settings.atRiskConfidence &&
      value >= STRONG_RATING &&
      (numbers === null || value > numbers) &&
      steadiness >= 0.75 &&
      explainedByLateShape &&
      reliability >= 0.7
    ) {
      weight = Math.max(weight, STRONG_OWNER_WEIGHT * reliability ** 2);
      notes.push('a late-landing (back-loaded) plan would explain the gap');
    }
    if (flat) {
      weight *= 0.5;
      notes.push('the numbers have not moved while the plan expected them to');
    }
    if (steadiness < 0.5) notes.push('the rating has moved about');
    if (calibration.source !== 'prior') notes.push(describeCalibration(calibration));
    if (numbers === null) weight = 1;
    const blended = numbers === null ? value : weight * value + (1 - weight) * numbers;
    return { value, weight, notes, blended };
  };

  let owner: number | null = null;
  let ownerWeight = 0;
  let ownerNotes: string[] = [];
  let estimate = numbers ?? 1;
  if (confidence.latest !== null) {
    const latest = ownerView(confidence.latest);
    owner = latest.value;
    ownerWeight = latest.weight;
    ownerNotes = latest.notes;
    // A higher rating must never read worse than a lower one would have (steadiness could otherwise
    // make a jump up count for less than a steady lower rating): the estimate is the best any rating
    // from 0 up to this one would give.
    estimate = latest.blended;
    for (let r = Math.ceil(confidence.latest) - 1; r >= 0; r--)
      estimate = Math.max(estimate, ownerView(r).blended);
  }
  const views = [numbers, owner, trendNow, pace].filter((x): x is number => x !== null);
  // The range runs between the views, pulled halfway towards the estimate: the views disagree more
  // than the truth varies, and a range that always spans 0–100% tells a leader nothing.
  const low = clamp(
    estimate - 0.5 * Math.max(0, estimate - Math.min(estimate, ...views)) - 0.05 * (1 - elapsed),
  );
  const high = clamp(
    estimate + 0.5 * Math.max(0, Math.max(estimate, ...views) - estimate) + 0.05 * (1 - elapsed),
  );

  const parts: string[] = [];
  if (numbers !== null) {
    const stalling = `${stalled ? ', stalled' : ''}${silentTooLong ? ', silent since the last check-in' : ''}`;
    parts.push(`the numbers along the ${curveWords(curve)} plan${stalling} (${formatPercent(numbers)})`);
  }
  if (owner !== null && confidence.latest !== null) {
    parts.push(`the owner's ${confidence.latest}/10 read as ${formatPercent(owner)}`);
  }
  const assumed = parts.length > 0 ? `weighing ${parts.join(' and ')}` : 'assuming the plan is delivered';
  return { estimate: clamp(estimate), low, high, numbers, owner, ownerWeight, ownerNotes, assumed };
}

export function curveWords(curve: KeyResult['curve']): string {
  if (curve === 'back_loaded') return 'back-loaded';
  if (curve === 'front_loaded') return 'front-loaded';
  return 'straight-line';
}

/** Every rating given up to `now`, oldest first. */
function ratingsUpTo(kr: KeyResult, now: Date): number[] {
  return usableHistory(kr.checkIns, now)
    .map((c) => c.confidence)
    .filter((c): c is number => typeof c === 'number' && Number.isFinite(c));
}

/** Share of the last (up to) four ratings within one point of the latest: 1 = steady. */
function steadyShare(ratings: readonly number[]): number {
  const recent = ratings.slice(-4);
  const latest = recent.at(-1);
  if (latest === undefined || recent.length < 2) return 0.5;
  return recent.filter((c) => Math.abs(c - latest) <= 1).length / recent.length;
}

/**
 * A stall: the last three check-ins (spanning at least two periods) moved forward less than one point
 * of attainment while the plan's curve expected at least five over the same span, after the key
 * result had moved: before the flat spell it was further along than a late-landing (back-loaded) plan
 * would have been, and at least five points. A key result that never moved is not a stall: a late
 * landing would explain it, and the owner's rating decides.
 */
function stalledAfterMoving(
  kr: KeyResult,
  kind: 'increase' | 'decrease',
  cycle: Cycle,
  now: Date,
  settings: StatusSettings,
): boolean {
  const recent = usableHistory(kr.checkIns, now).slice(-3);
  const first = recent[0];
  const last = recent.at(-1);
  if (recent.length < 3 || !first || !last) return false;
  const span = last.at.getTime() - first.at.getTime();
  if (span < 2 * settings.checkInPeriodDays * MS_PER_DAY * 0.9) return false;
  const at = (v: number) => towardTargetProgress(kind, kr.start, kr.target, v);
  // Forward movement only: sliding back is no evidence that a high rating is borne out either.
  const moved = at(last.value) - at(first.value);
  const curve = kr.curve ?? 'linear';
  const planned = expectedProgress(cycle, last.at, curve) - expectedProgress(cycle, first.at, curve);
  if (moved >= 0.01 || planned < 0.05) return false;
  const before = at(first.value);
  return before >= 0.05 && before >= curveAt('back_loaded', elapsedShare(cycle, first.at));
}
