/**
 * What any judge could read about a key result at `now`, as numbers: the plan, the check-ins up to
 * then and the owner's calibration from finished cycles. No title, no owner name, no family: the
 * learnability study (learnability.ts) learns from these alone, so it sees no more than Okra does.
 */
import {
  type ConfidenceCalibration,
  elapsedShare,
  expectedProgress,
  type KeyResult,
  towardTargetProgress,
} from '../../src/domain/status/index.ts';
import { CYCLE, DAY } from './model.ts';

export const FEATURE_NAMES = [
  'increase',
  'curve',
  'progress',
  'expected',
  'check-ins',
  'days since the last',
  'slope, last two',
  'slope, last four',
  'slope, all',
  'slope change',
  'latest rating',
  'mean rating',
  'first rating',
  'ratings',
  'rating slope',
  'calibration bias',
  'calibration observations',
  'calibration spread',
  'lowest progress',
  'highest progress',
] as const;

interface Point {
  at: number;
  progress: number;
  rating: number | undefined;
}

/** Progress per cycle between the first and last of the points (0 when they are fewer than two). */
function slope(points: readonly Point[]): number {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || last.at === first.at) return 0;
  return (last.progress - first.progress) / (last.at - first.at);
}

export function observedFeatures(kr: KeyResult, now: Date, calibration: ConfidenceCalibration): number[] {
  const kind = kr.kind === 'decrease' ? 'decrease' : 'increase';
  const points: Point[] = (kr.checkIns ?? [])
    .filter((c) => c.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((c) => ({
      at: elapsedShare(CYCLE, c.at),
      progress: towardTargetProgress(kind, kr.start, kr.target, c.value),
      rating: c.confidence ?? undefined,
    }));
  const last = points.at(-1);
  const lastAt = (kr.checkIns ?? []).filter((c) => c.at.getTime() <= now.getTime()).at(-1)?.at;
  const half = Math.floor(points.length / 2);
  const rated = points.filter((p): p is Point & { rating: number } => typeof p.rating === 'number');
  const firstRated = rated[0];
  const lastRated = rated.at(-1);
  const ratingSlope =
    firstRated && lastRated && rated.length >= 2
      ? (lastRated.rating - firstRated.rating) / Math.max(0.05, lastRated.at - firstRated.at)
      : 0;
  const progresses = points.map((p) => p.progress);
  return [
    kind === 'increase' ? 1 : 0,
    kr.curve === 'back_loaded' ? 2 : kr.curve === 'front_loaded' ? 1 : 0,
    last?.progress ?? 0,
    expectedProgress(CYCLE, now, kr.curve ?? 'linear'),
    points.length,
    lastAt ? (now.getTime() - lastAt.getTime()) / DAY : 99,
    slope(points.slice(-2)),
    slope(points.slice(-4)),
    slope(points),
    slope(points.slice(half)) - slope(points.slice(0, half + 1)),
    lastRated?.rating ?? -1,
    rated.length > 0 ? rated.reduce((sum, p) => sum + p.rating, 0) / rated.length : -1,
    firstRated?.rating ?? -1,
    rated.length,
    ratingSlope,
    calibration.bias,
    calibration.observations,
    calibration.spread,
    Math.min(0, ...progresses),
    Math.max(0, ...progresses),
  ];
}
