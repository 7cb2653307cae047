import { elapsedShare } from './time.ts';
import type { Cycle, ProgressCurve } from './types.ts';

/**
 * Planned share of the work done after share `t` (0..1) of the cycle.
 * back_loaded (t²) suits launches that land late; front_loaded (1 − (1 − t)²) suits quick wins
 * that taper off. Both meet linear at 0 and 1, so only the timing differs, never the goal.
 */
export function curveAt(curve: ProgressCurve, t: number): number {
  const x = Math.min(1, Math.max(0, t));
  switch (curve) {
    case 'back_loaded':
      return x * x;
    case 'front_loaded':
      return 1 - (1 - x) * (1 - x);
    default:
      return x;
  }
}

/** Progress the plan expects at `at`, 0 before the cycle starts and 1 from its end onwards. */
export function expectedProgress(cycle: Cycle, at: Date, curve: ProgressCurve = 'linear'): number {
  return curveAt(curve, elapsedShare(cycle, at));
}
