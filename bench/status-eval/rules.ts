/**
 * The judges under evaluation. Each sees only what Okra would see at `now`: the plan, the check-ins
 * up to then, and the workspace's finished cycles. Each says whether it flags the key result and
 * what attainment it forecasts for the end of the quarter.
 */
import {
  type ConfidenceCalibration,
  elapsedShare,
  evaluateKeyResult,
  type KeyResult,
  keyResultProgress,
  learnCalibration,
  readConfidence,
  towardTargetProgress,
} from '../../src/domain/status/index.ts';
import { CYCLE, type PastOutcome } from './model.ts';

export interface Judgement {
  flagged: boolean;
  forecast: number;
}

export interface Judge {
  name: string;
  judge(kr: KeyResult, now: Date, owner: string, history: readonly PastOutcome[]): Judgement;
}

/** The owner's calibration from the workspace's finished cycles, as the app reads them from stored check-ins. */
export function calibrationFor(history: readonly PastOutcome[], owner: string): ConfidenceCalibration {
  const outcomes = history.map((h) => ({
    owner: h.owner,
    confidence: h.confidences.reduce((a, b) => a + b, 0) / Math.max(1, h.confidences.length),
    final: h.final,
  }));
  return learnCalibration(outcomes, owner);
}

/** Okra with default settings. */
export const okra: Judge = {
  name: 'Okra',
  judge(kr, now, owner, history) {
    const calibration = calibrationFor(history, owner);
    const status = evaluateKeyResult({ ...kr, calibration }, CYCLE, now);
    return { flagged: status.status !== 'on_track', forecast: status.forecast.attainment };
  },
};

/** Flag when more than 25 points behind a straight line; forecast through the last two check-ins. */
export const naivePace: Judge = {
  name: 'pace rule',
  judge(kr, now) {
    const elapsed = elapsedShare(CYCLE, now);
    const progress = keyResultProgress(kr, now);
    return { flagged: (elapsed - progress.raw) * 100 > 25, forecast: lineThroughLastTwo(kr, now) };
  },
};

/** Flag when the latest confidence is 6/10 or less; forecast the latest confidence as attainment. */
export const confidenceOnly: Judge = {
  name: 'confidence rule',
  judge(kr, now) {
    const { latest } = readConfidence(kr.checkIns, now);
    if (latest === null) return { flagged: false, forecast: lineThroughLastTwo(kr, now) };
    return { flagged: latest <= 6, forecast: latest / 10 };
  },
};

export const JUDGES: readonly Judge[] = [okra, naivePace, confidenceOnly];

function lineThroughLastTwo(kr: KeyResult, now: Date): number {
  const kind = kr.kind === 'decrease' ? 'decrease' : 'increase';
  const points = (kr.checkIns ?? [])
    .filter((c) => c.at <= now)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const a = points.at(-2);
  const b = points.at(-1);
  const clamp = (x: number) => Math.min(2, Math.max(0, x));
  if (!a || !b || a.at.getTime() === b.at.getTime()) {
    // Too little to draw a line: assume the rest of a straight-line plan is delivered.
    return clamp(keyResultProgress(kr, now).raw + 1 - elapsedShare(CYCLE, now));
  }
  const slope = (b.value - a.value) / (b.at.getTime() - a.at.getTime());
  const end = b.value + slope * (CYCLE.end.getTime() - b.at.getTime());
  return clamp(towardTargetProgress(kind, kr.start, kr.target, end));
}
