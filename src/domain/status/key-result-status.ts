import { formatAmount } from '../numbers/amount.ts';
import { PRIOR_CALIBRATION } from './calibration.ts';
import { type ConfidenceReading, readConfidence } from './confidence.ts';
import { expectedProgress } from './expected-progress.ts';
import { type Forecast, forecastKeyResult } from './forecast.ts';
import { formatDuration, formatPercent, formatPercentRange, joinSummary } from './format.ts';
import { type Outlook, weighOutlook } from './outlook.ts';
import { effectiveWeight, type KeyResultProgress, keyResultProgress, meetsLimit } from './progress.ts';
import { DEFAULT_STATUS_SETTINGS, type StatusSettings } from './settings.ts';
import { keyResultStaleness, type Staleness } from './staleness.ts';
import { compareWorstFirst, worstOf } from './status-level.ts';
import { cycleBounds, elapsedShare } from './time.ts';
import type { Cycle, KeyResult, ProgressCurve, StatusLevel, StatusSignal, StatusVerdict } from './types.ts';

export interface KeyResultStatus extends StatusVerdict {
  keyResultId: string;
  title: string;
  weight: number;
  progress: KeyResultProgress;
  /** The plan's curve the key result is measured against (linear when none was chosen). */
  curve: ProgressCurve;
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
  const staleness = keyResultStaleness(kr.checkIns, cycle, now, settings, kr.createdAt, kr.excused);
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
    curve,
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

  let gap: number | null = null;
  let shownForecast = forecast;
  let silenceWeighed = false;
  if (kr.kind === 'boolean') {
    signals.push(yesNoSignal(cycle, now, settings));
  } else if (isStayKind) {
    if (progress.measured) {
      gap = gapPoints(progress, expected);
      signals.push(...limitSignals(kr, progress, gap, settings));
    }
  } else if (started) {
    gap = gapPoints(progress, expected);
    const weighed = (kr.kind === 'increase' || kr.kind === 'decrease') && forecast.method !== 'final';
    const gapEvidence = gapSignal(kr, progress, expected, gap, settings);
    if (weighed) {
      const kind = kr.kind === 'decrease' ? 'decrease' : 'increase';
      const outlook = weighOutlook({
        kr,
        kind,
        cycle,
        now,
        settings,
        progress,
        expected,
        // Whether the trend counts is decided at the last check-in, so silence cannot change it.
        trend:
          forecast.method === 'trend' &&
          staleness.lastCheckInAt !== null &&
          elapsedShare(cycle, staleness.lastCheckInAt) >= settings.forecastSignalAfterElapsed
            ? forecast.attainment
            : null,
        confidence,
        calibration: kr.calibration ?? PRIOR_CALIBRATION,
      });
      shownForecast = weighedForecast(forecast, outlook);
      silenceWeighed = true;
      signals.push(outlookSignal(outlook, shownForecast, settings));
      // The gap and the rating are evidence the outlook has already weighed: shown, not decisive.
      signals.push({ ...gapEvidence, advisory: true });
      const confidenceEvidence = confidenceToSignal(confidence, settings);
      if (confidenceEvidence) signals.push({ ...confidenceEvidence, advisory: true });
      for (const note of outlook.ownerNotes) {
        signals.push({ code: 'calibration', status: 'on_track', text: note, data: {}, advisory: true });
      }
    } else {
      signals.push(gapEvidence);
    }
  }

  if (!signals.some((s) => s.code === 'confidence')) {
    const confidenceSignal = confidenceToSignal(confidence, settings);
    // For increase/decrease the rating is weighed into the outlook once the cycle runs; before
    // that (or once it has ended) it is shown but decides nothing on its own.
    const weighedKind = kr.kind === 'increase' || kr.kind === 'decrease';
    if (confidenceSignal)
      signals.push(weighedKind ? { ...confidenceSignal, advisory: true } : confidenceSignal);
  }
  const staleSignal = stalenessToSignal(staleness, now, cycle);
  if (staleSignal) {
    // A short silence is weighed into the outlook (an old rating counts only against the key result,
    // and the pace falls as the plan moves on); a long one, or one with no check-in at all, decides.
    const weighedSilence = silenceWeighed && staleSignal.status === 'at_risk' && !staleness.neverCheckedIn;
    signals.push(weighedSilence ? { ...staleSignal, advisory: true } : staleSignal);
  }

  const mismatch = directionMismatch(kr);
  if (mismatch) signals.push(mismatch);
  // Every status has a reason, even when there is nothing yet to judge.
  if (signals.length === 0) signals.push(info('no_progress_data', 'no check-ins yet', {}));

  return { ...base, forecast: shownForecast, gapPoints: gap, ...verdict(signals) };
}

/** Turn evidence into a verdict: worst status wins, and the reasons that drive it come first. */
export function verdict(signals: readonly StatusSignal[]): StatusVerdict {
  // Deciding evidence first, worst first; then the evidence that was weighed into it. The sort is
  // stable, so equally ranked reasons keep their natural order.
  const rank = (s: StatusSignal) => (s.advisory ? 3 : 0);
  const ordered = [...signals].sort((a, b) => rank(a) - rank(b) || compareWorstFirst(a.status, b.status));
  const reasons = ordered.map((s) => s.text);
  return {
    status: worstOf(ordered.filter((s) => !s.advisory).map((s) => s.status)),
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

/** The forecast shown to people: the weighed outlook, with its range and what it assumed. */
function weighedForecast(trend: Forecast, outlook: Outlook): Forecast {
  return {
    method: 'weighed',
    attainment: outlook.estimate,
    low: outlook.low,
    high: outlook.high,
    projectedValue: trend.projectedValue,
    pointsUsed: trend.pointsUsed,
    text: `on course for ${formatPercentRange(outlook.low, outlook.high)} of target, ${outlook.assumed}`,
  };
}

function outlookSignal(outlook: Outlook, forecast: Forecast, settings: StatusSettings): StatusSignal {
  let status: StatusLevel = 'on_track';
  if (outlook.estimate < settings.forecastOffTrackBelow) status = 'off_track';
  else if (outlook.estimate < settings.forecastAtRiskBelow) status = 'at_risk';
  return {
    code: 'forecast',
    status,
    text: forecast.text,
    data: {
      attainment: outlook.estimate,
      low: outlook.low,
      high: outlook.high,
      numbers: outlook.numbers,
      owner: outlook.owner,
      ownerWeight: outlook.ownerWeight,
    },
  };
}
