import { formatAmount } from '../numbers/amount.ts';
import { type ConfidenceReading, readConfidence } from './confidence.ts';
import { expectedProgress } from './expected-progress.ts';
import { type Forecast, forecastKeyResult } from './forecast.ts';
import { formatDuration, formatPercent, joinSummary } from './format.ts';
import { effectiveWeight, type KeyResultProgress, keyResultProgress, meetsLimit } from './progress.ts';
import { DEFAULT_STATUS_SETTINGS, type StatusSettings } from './settings.ts';
import { keyResultStaleness, type Staleness } from './staleness.ts';
import { compareWorstFirst, worstOf } from './status-level.ts';
import { cycleBounds, elapsedShare, MS_PER_DAY } from './time.ts';
import type { Cycle, KeyResult, StatusLevel, StatusSignal, StatusVerdict } from './types.ts';

export interface KeyResultStatus extends StatusVerdict {
  keyResultId: string;
  title: string;
  weight: number;
  progress: KeyResultProgress;
  /** Progress the plan expects now, 0..1 (1 for the stay kinds, which should hold all along). */
  expected: number;
  /** Actual minus expected progress in percentage points (negative = behind); null if not measured. */
  gapPoints: number | null;
  confidence: ConfidenceReading;
  staleness: Staleness;
  forecast: Forecast;
}

/**
 * The status of one key result at `now`: the worst of what progress-vs-plan, the owner's
 * confidence, check-in freshness and (for increase/decrease) the trend forecast each say.
 * Worst-of rather than an average, so that one strong signal (say, confidence 2/10) is never
 * diluted by good-looking numbers, and the reason is always a single nameable fact.
 */
export function evaluateKeyResult(
  kr: KeyResult,
  cycle: Cycle,
  now: Date,
  settings: StatusSettings = DEFAULT_STATUS_SETTINGS,
): KeyResultStatus {
  const progress = keyResultProgress(kr, now);
  const confidence = readConfidence(kr.checkIns, now);
  const staleness = keyResultStaleness(kr.checkIns, cycle, now, settings);
  const forecast = forecastKeyResult(kr, cycle, now, settings);
  const curve = kr.curve ?? 'linear';
  const isStayKind = kr.kind === 'stay_above' || kr.kind === 'stay_below';
  const expected = isStayKind ? 1 : expectedProgress(cycle, now, curve);
  const started = now.getTime() >= cycleBounds(cycle).startMs;

  const base = {
    keyResultId: kr.id,
    title: kr.title,
    weight: effectiveWeight(kr.weight),
    progress,
    expected,
    confidence,
    staleness,
    forecast,
  };
  const signals: StatusSignal[] = [];
  if (!started) {
    const wait = cycleBounds(cycle).startMs - now.getTime();
    signals.push(info('not_started', `cycle starts in ${formatDuration(wait)}`, { startsInMs: wait }));
  }

  const complete =
    (kr.kind === 'boolean' && progress.capped >= 1) ||
    (kr.kind === 'milestone' && progress.measured && progress.capped >= 1);
  if (complete) {
    // Finished work cannot slip, so confidence and silence no longer matter.
    signals.push(info('done', 'done', { progress: progress.raw }));
    return { ...base, gapPoints: gapPoints(progress, expected), ...verdict(signals) };
  }

  // Confidence is the owner's own forecast, and owners know things the numbers do not yet show
  // (a launch date, a signed deal). A confident, recent rating therefore softens the soft signals;
  // it never excuses a gap beyond the off-track line, silence, or a falling confidence.
  const confident = isConfidentOwner(confidence, now, settings);
  const gapSettings = confident
    ? {
        ...settings,
        atRiskGapPoints: Math.min(
          settings.offTrackGapPoints,
          settings.atRiskGapPoints + settings.confidentGapAllowancePoints,
        ),
      }
    : settings;

  let gap: number | null = null;
  if (kr.kind === 'boolean') {
    signals.push(yesNoSignal(cycle, now, settings));
  } else if (isStayKind) {
    if (progress.measured) {
      gap = gapPoints(progress, expected);
      signals.push(...limitSignals(kr, progress, gap, gapSettings));
    }
  } else if (started) {
    gap = gapPoints(progress, expected);
    signals.push(gapSignal(kr, progress, expected, gap, gapSettings));
  }

  const confidenceSignal = confidenceToSignal(confidence, settings);
  if (confidenceSignal) signals.push(confidenceSignal);
  const staleSignal = stalenessToSignal(staleness, now, cycle);
  if (staleSignal) signals.push(staleSignal);

  // A straight trend through the flat start of a back-loaded plan always predicts a miss; the plan
  // already says the progress comes late, so for those the gap against the curve is the test.
  const forecastTrusted =
    !confident &&
    curve !== 'back_loaded' &&
    forecast.method === 'trend' &&
    elapsedShare(cycle, now) >= settings.forecastSignalAfterElapsed;
  if (forecastTrusted && forecast.attainment < settings.forecastAtRiskBelow) {
    signals.push({
      code: 'forecast',
      status: 'at_risk',
      text: forecast.text,
      data: { attainment: forecast.attainment, low: forecast.low, high: forecast.high },
    });
  }

  const mismatch = directionMismatch(kr);
  if (mismatch) signals.push(mismatch);

  return { ...base, gapPoints: gap, ...verdict(signals) };
}

/** Turn evidence into a verdict: worst status wins, and the reasons that drive it come first. */
export function verdict(signals: readonly StatusSignal[]): StatusVerdict {
  // Array.prototype.sort is stable, so equally severe reasons keep their natural order.
  const ordered = [...signals].sort((a, b) => compareWorstFirst(a.status, b.status));
  const reasons = ordered.map((s) => s.text);
  return {
    status: worstOf(ordered.map((s) => s.status)),
    reasons,
    summary: joinSummary(reasons),
    signals: ordered,
  };
}

export function gapToStatus(gapPoints: number, settings: StatusSettings): StatusLevel {
  const behind = -gapPoints;
  if (behind > settings.offTrackGapPoints) return 'off_track';
  if (behind > settings.atRiskGapPoints) return 'at_risk';
  return 'on_track';
}

function gapPoints(progress: KeyResultProgress, expected: number): number {
  // Rounded to a millionth of a point so float noise (0.35 − 0.1 = 0.2500…04) cannot cross a threshold.
  return Math.round((progress.raw - expected) * 100 * 1e6) / 1e6;
}

function gapSignal(
  kr: KeyResult,
  progress: KeyResultProgress,
  expected: number,
  gap: number,
  settings: StatusSettings,
): StatusSignal {
  const done = formatPercent(progress.raw);
  const plan = formatPercent(expected);
  let text = `${done} done vs ${plan} expected`;
  if (kr.kind === 'milestone' && !progress.measured) text = `no milestones defined yet vs ${plan} expected`;
  else if (!progress.measured) text = `no progress recorded vs ${plan} expected`;
  return {
    code: progress.measured ? 'progress_gap' : 'no_progress_data',
    status: gapToStatus(gap, settings),
    text,
    data: { progress: progress.raw, expected, gapPoints: gap },
  };
}

function limitSignals(
  kr: KeyResult,
  progress: KeyResultProgress,
  gap: number,
  settings: StatusSettings,
): StatusSignal[] {
  const kind = kr.kind === 'stay_above' ? 'stay_above' : 'stay_below';
  const held = Math.round(progress.raw * progress.observations);
  const signals: StatusSignal[] = [
    {
      code: 'limit_share',
      status: gapToStatus(gap, settings),
      text: `limit held in ${held} of ${progress.observations} check-ins (${formatPercent(progress.raw)})`,
      data: { held, observations: progress.observations, share: progress.raw, gapPoints: gap },
    },
  ];
  // Being outside the limit right now matters even when the history looks good.
  if (progress.value !== null && !meetsLimit(kind, kr.target, progress.value)) {
    const side = kind === 'stay_above' ? 'below the floor of' : 'above the ceiling of';
    signals.push({
      code: 'limit_breached',
      status: 'at_risk',
      text: `latest ${formatAmount(progress.value, '')} is ${side} ${formatAmount(kr.target, '')}`,
      data: { value: progress.value, limit: kr.target },
    });
  }
  return signals;
}

function yesNoSignal(cycle: Cycle, now: Date, settings: StatusSettings): StatusSignal {
  const elapsed = elapsedShare(cycle, now);
  const ended = now.getTime() >= cycleBounds(cycle).endMs;
  // A yes/no result has no partial progress to compare with the plan, so only the clock argues.
  if (ended)
    return {
      code: 'not_done',
      status: 'off_track',
      text: 'not done and the cycle has ended',
      data: { elapsed },
    };
  if (elapsed >= settings.booleanAtRiskAfterElapsed) {
    return {
      code: 'not_done',
      status: 'at_risk',
      text: `not done with ${formatPercent(1 - elapsed)} of the cycle left`,
      data: { elapsed },
    };
  }
  return { code: 'not_done', status: 'on_track', text: 'not done yet', data: { elapsed } };
}

/** A rating at or above confidentOwnerAtLeast, given within the last check-in period, not falling. */
export function isConfidentOwner(
  confidence: ConfidenceReading,
  now: Date,
  settings: StatusSettings,
): boolean {
  const { latest, change, latestAt } = confidence;
  if (latest === null || latestAt === null || latest < settings.confidentOwnerAtLeast) return false;
  if (change !== null && change < 0) return false;
  return now.getTime() - latestAt.getTime() <= settings.checkInPeriodDays * MS_PER_DAY;
}

function confidenceToSignal(confidence: ConfidenceReading, settings: StatusSettings): StatusSignal | null {
  const { latest, previous, change } = confidence;
  if (latest === null) return null;
  let status: StatusLevel = 'on_track';
  if (latest <= settings.offTrackConfidence) status = 'off_track';
  else if (latest <= settings.atRiskConfidence) status = 'at_risk';
  else if (change !== null && change <= -settings.confidenceDropAtRisk) status = 'at_risk';
  let text = `confidence ${formatAmount(latest, '')}/10`;
  if (previous !== null && change !== null && change !== 0) {
    text += `, ${change < 0 ? 'down' : 'up'} from ${formatAmount(previous, '')}`;
  }
  return { code: 'confidence', status, text, data: { latest, previous, change } };
}

function stalenessToSignal(staleness: Staleness, now: Date, cycle: Cycle): StatusSignal | null {
  if (staleness.status === 'on_track') return null;
  const silence = formatDuration(staleness.silentMs);
  const ended = now.getTime() > cycleBounds(cycle).endMs;
  let text: string;
  if (staleness.neverCheckedIn) text = `no check-in yet this cycle (${silence} in)`;
  else if (ended) text = `no check-in in the last ${silence} of the cycle`;
  else text = `no check-in for ${silence}`;
  return {
    code: staleness.neverCheckedIn ? 'never_checked_in' : 'stale',
    status: staleness.status,
    text,
    data: {
      missedPeriods: staleness.missedPeriods,
      silentMs: staleness.silentMs,
      lastCheckInAt: staleness.lastCheckInAt?.toISOString() ?? null,
    },
  };
}

function directionMismatch(kr: KeyResult): StatusSignal | null {
  const wrongWay =
    (kr.kind === 'increase' && kr.target < kr.start) || (kr.kind === 'decrease' && kr.target > kr.start);
  if (!wrongWay) return null;
  const side = kr.target < kr.start ? 'below' : 'above';
  return info(
    'direction_mismatch',
    `target ${formatAmount(kr.target, '')} is ${side} the start ${formatAmount(kr.start, '')} for a "${kr.kind}" key result; progress counts movement towards the target`,
    { start: kr.start, target: kr.target },
  );
}

function info(code: StatusSignal['code'], text: string, data: StatusSignal['data']): StatusSignal {
  return { code, status: 'on_track', text, data };
}
