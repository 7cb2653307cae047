import { readConfidence } from './confidence.ts';
import { expectedProgress } from './expected-progress.ts';
import { formatPercent, formatPercentRange } from './format.ts';
import { isDone, keyResultProgress, meetsLimit, milestoneShare, towardTargetProgress } from './progress.ts';
import { DEFAULT_STATUS_SETTINGS, type StatusSettings } from './settings.ts';
import { interceptFor, theilSen } from './theil-sen.ts';
import { cycleBounds, MS_PER_DAY, usableHistory } from './time.ts';
import type { Cycle, KeyResult } from './types.ts';

/**
 * - trend: Theil–Sen line through the recent check-ins (increase/decrease only)
 * - plan: too few check-ins for a trend, so the rest of the plan is assumed to happen as drawn
 * - final: the cycle is over and a check-in at or after its end gives the result
 * - yes_no: boolean key results, which are either done or not
 * - share: stay_above/stay_below, projecting the share of check-ins that hold the limit
 * - weighed: the trend and the plan's pace weighed with the owner's calibrated confidence (key-result-status)
 */
export type ForecastMethod = 'trend' | 'plan' | 'final' | 'yes_no' | 'share' | 'weighed';

export interface Forecast {
  method: ForecastMethod;
  /** Projected attainment at cycle end as a fraction of the target (1 = met). */
  attainment: number;
  /** Plausible range around it; equal to attainment when there is nothing to spread. */
  low: number;
  high: number;
  /** Projected value at cycle end, for increase/decrease; null for the other kinds. */
  projectedValue: number | null;
  /** Check-ins the forecast was computed from. */
  pointsUsed: number;
  /** e.g. "on course for 70–85% of target". */
  text: string;
}

/**
 * Where a key result is heading by the end of its cycle, from its history up to `now`.
 *
 * Bounds by kind, so a forecast never claims something the kind cannot produce: boolean 0 or 1;
 * milestone and stay kinds 0..1 (shares); increase/decrease 0..settings.forecastMaxAttainment
 * (default 2, i.e. 200%). Attainment is never negative: sliding back past the start is reported
 * as 0%, the same floor progress itself uses.
 */
export function forecastKeyResult(
  kr: KeyResult,
  cycle: Cycle,
  now: Date,
  settings: StatusSettings = DEFAULT_STATUS_SETTINGS,
): Forecast {
  switch (kr.kind) {
    case 'increase':
    case 'decrease':
      return forecastTowardTarget(kr, kr.kind, cycle, now, settings);
    case 'boolean':
      return forecastYesNo(kr, cycle, now);
    case 'milestone':
      return forecastMilestones(kr, cycle, now);
    case 'stay_above':
    case 'stay_below':
      return forecastLimitShare(kr, kr.kind, cycle, now, settings);
  }
}

function forecastTowardTarget(
  kr: KeyResult,
  kind: 'increase' | 'decrease',
  cycle: Cycle,
  now: Date,
  settings: StatusSettings,
): Forecast {
  const maxAttainment = Math.max(1, settings.forecastMaxAttainment);
  const attainmentOf = (value: number) =>
    Math.min(maxAttainment, Math.max(0, towardTargetProgress(kind, kr.start, kr.target, value)));
  // Report the value that matches the clamped attainment, so the two never disagree.
  const valueFor = (attainment: number, unclamped: number) =>
    kr.start === kr.target ? unclamped : kr.start + attainment * (kr.target - kr.start);

  const history = usableHistory(kr.checkIns, now);
  const progress = keyResultProgress(kr, now);
  const last = history.at(-1);

  if (last && last.at.getTime() >= cycleBounds(cycle).endMs) {
    const value = progress.value ?? last.value;
    const attainment = attainmentOf(value);
    return fixed(
      'final',
      attainment,
      valueFor(attainment, value),
      history.length,
      `finished at ${formatPercent(attainment)} of target`,
    );
  }

  const window = history.slice(-Math.max(2, settings.forecastWindow));
  const curve = kr.curve ?? 'linear';
  // Time is measured along the key result's own planned curve, so a back-loaded plan is projected
  // with the acceleration it promised instead of being judged by a straight line; for the default
  // linear curve this is ordinary time. The cycle end sits at x = 1.
  const points = window.map((c) => ({ x: expectedProgress(cycle, c.at, curve), y: c.value }));
  const fit = window.length >= settings.forecastMinPoints ? theilSen(points) : null;

  if (fit) {
    const project = (slope: number) => interceptFor(points, slope) + slope;
    const value = fit.intercept + fit.slope;
    const attainment = attainmentOf(value);
    const ends = [attainmentOf(project(fit.slopeLow)), attainmentOf(project(fit.slopeHigh))];
    const low = Math.min(attainment, ...ends);
    const high = Math.max(attainment, ...ends);
    return {
      method: 'trend',
      attainment,
      low,
      high,
      projectedValue: valueFor(attainment, value),
      pointsUsed: window.length,
      text: `on course for ${formatPercentRange(low, high)} of target`,
    };
  }

  // Not enough history for a trend: assume what is left of the plan gets delivered from here.
  const remaining = 1 - expectedProgress(cycle, now, curve);
  const attainment = Math.min(maxAttainment, Math.max(0, progress.raw + remaining));
  const unclamped = kr.start + attainment * (kr.target - kr.start);
  return fixed(
    'plan',
    attainment,
    valueFor(attainment, unclamped),
    window.length,
    `about ${formatPercent(attainment)} of target if the rest of the plan is delivered (too few check-ins for a trend)`,
  );
}

function forecastYesNo(kr: KeyResult, cycle: Cycle, now: Date): Forecast {
  const progress = keyResultProgress(kr, now);
  const count = usableHistory(kr.checkIns, now).length;
  if (isDone(progress.value)) return fixed('yes_no', 1, null, count, 'done');
  if (now.getTime() >= cycleBounds(cycle).endMs)
    return fixed('yes_no', 0, null, count, 'not done by the end of the cycle');
  // Until it is done, the owner's confidence is the only evidence either way.
  const { latest } = readConfidence(kr.checkIns, now);
  const likely = latest !== null && latest >= 5;
  const text =
    latest === null
      ? 'not done yet; no confidence given'
      : `not done yet; owner ${likely ? 'expects it' : 'doubts it'} (confidence ${latest}/10)`;
  return {
    method: 'yes_no',
    attainment: likely ? 1 : 0,
    low: 0,
    high: 1,
    projectedValue: null,
    pointsUsed: count,
    text,
  };
}

function forecastMilestones(kr: KeyResult, cycle: Cycle, now: Date): Forecast {
  const share = milestoneShare(kr.milestones);
  const count = usableHistory(kr.checkIns, now).length;
  if (now.getTime() >= cycleBounds(cycle).endMs) {
    return fixed('final', share, null, count, `finished with ${formatPercent(share)} of milestones done`);
  }
  // Milestones land in steps, so a slope through them says little; instead the range runs from
  // "nothing more gets done" to "the rest of the plan is delivered".
  const remaining = 1 - expectedProgress(cycle, now, kr.curve ?? 'linear');
  const high = Math.min(1, share + remaining);
  return {
    method: 'plan',
    attainment: high,
    low: share,
    high,
    projectedValue: null,
    pointsUsed: count,
    text: `on course for ${formatPercentRange(share, high)} of milestones`,
  };
}

function forecastLimitShare(
  kr: KeyResult,
  kind: 'stay_above' | 'stay_below',
  cycle: Cycle,
  now: Date,
  settings: StatusSettings,
): Forecast {
  const progress = keyResultProgress(kr, now);
  const history = usableHistory(kr.checkIns, now);
  const { endMs } = cycleBounds(cycle);
  const periodMs = Math.max(1, settings.checkInPeriodDays) * MS_PER_DAY;
  const remainingCheckIns = Math.max(0, Math.ceil((endMs - now.getTime()) / periodMs));
  const observed = progress.observations;
  const met = progress.raw * observed;

  // The recent hit rate stands in for the future one; with no data at all, assume the limit holds.
  const recent = history.slice(-Math.max(1, settings.forecastWindow));
  const rate =
    recent.length > 0 ? shareMeeting(kind, kr.target, recent) : progress.measured ? progress.raw : 1;
  const spread = recent.length > 0 ? Math.sqrt((rate * (1 - rate)) / recent.length) : 0.5;
  const total = observed + remainingCheckIns;
  const project = (r: number) => (total === 0 ? progress.capped : (met + r * remainingCheckIns) / total);

  const attainment = project(rate);
  const low = project(Math.max(0, rate - spread));
  const high = project(Math.min(1, rate + spread));
  return {
    method: 'share',
    attainment,
    low,
    high,
    projectedValue: null,
    pointsUsed: recent.length,
    text: `on course to hold the limit in ${formatPercentRange(low, high)} of check-ins`,
  };
}

function shareMeeting(
  kind: 'stay_above' | 'stay_below',
  target: number,
  checkIns: readonly { value: number }[],
): number {
  return checkIns.filter((c) => meetsLimit(kind, target, c.value)).length / checkIns.length;
}

function fixed(
  method: ForecastMethod,
  attainment: number,
  projectedValue: number | null,
  pointsUsed: number,
  text: string,
): Forecast {
  return { method, attainment, low: attainment, high: attainment, projectedValue, pointsUsed, text };
}
