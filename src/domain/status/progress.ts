import { usableHistory } from './time.ts';
import type { KeyResult, KeyResultKind, Milestone } from './types.ts';

/**
 * Progress is a fraction: 0 = nothing achieved, 1 = target met. The raw figure keeps
 * over-achievement (1.2 = 120%) so people get credit in their own key result's view; rollups use
 * the capped figure so one over-achiever cannot hide another key result's shortfall.
 */
export interface KeyResultProgress {
  /** 0..∞ */
  raw: number;
  /** 0..1 */
  capped: number;
  /** The value the progress was computed from (null when nothing is known). */
  value: number | null;
  /** False when there is no data at all, so "0%" means "unknown" rather than "nothing done". */
  measured: boolean;
  /** Check-ins behind the figure: the stay kinds count them, others report how many exist. */
  observations: number;
}

/** Weights must be positive; anything else falls back to the default of 1 instead of vanishing. */
export function effectiveWeight(weight: number | undefined): number {
  return weight !== undefined && Number.isFinite(weight) && weight > 0 ? weight : 1;
}

export function capProgress(raw: number): number {
  if (!Number.isFinite(raw)) return raw > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, raw));
}

/**
 * Linear progress from start towards target, never below 0.
 *
 * The target is authoritative: progress measures movement from start towards the target, whichever
 * side of the start it lies on. So a "decrease" from 8 to 2 at 5 is 50%, and an "increase" whose
 * target was typed below its start is read the same way (the status engine reports the mismatch).
 * The kind only decides the direction when start equals target: then there is no distance to
 * divide by, so the key result is either met (100%) or not (0%).
 */
export function towardTargetProgress(
  kind: 'increase' | 'decrease',
  start: number,
  target: number,
  value: number,
): number {
  if (start === target) {
    const met = kind === 'decrease' ? value <= target : value >= target;
    return met ? 1 : 0;
  }
  const fraction = (value - start) / (target - start);
  if (Number.isNaN(fraction)) return 0;
  // Values beyond the start in the wrong direction are "no progress", not negative progress. A
  // microscopic start-to-target distance can overflow to Infinity, which is kept: it is still "more".
  return Math.max(0, fraction);
}

/** stay_above: the value must be at least the target; stay_below: at most the target. */
export function meetsLimit(kind: 'stay_above' | 'stay_below', target: number, value: number): boolean {
  return kind === 'stay_above' ? value >= target : value <= target;
}

/** Yes/no key results record 1 for done and 0 for not done; anything from 1 up counts as done. */
export function isDone(value: number | null): boolean {
  return value !== null && value >= 1;
}

/** Weighted share of done milestones; no milestones means nothing is done yet. */
export function milestoneShare(milestones: readonly Milestone[] | undefined): number {
  if (!milestones || milestones.length === 0) return 0;
  let total = 0;
  let done = 0;
  for (const item of milestones) {
    const weight = effectiveWeight(item.weight);
    total += weight;
    if (item.done) done += weight;
  }
  return done / total;
}

/** The key result's value: `current` when set, otherwise the newest check-in at or before `asOf`. */
export function observedValue(kr: KeyResult, asOf?: Date): number | null {
  if (kr.current !== null && Number.isFinite(kr.current)) return kr.current;
  const history = usableHistory(kr.checkIns, asOf);
  return history.at(-1)?.value ?? null;
}

export function isLowerBetter(kind: KeyResultKind): boolean {
  return kind === 'decrease' || kind === 'stay_below';
}

/** Progress of one key result, as of `asOf` when given (check-ins after it are ignored). */
export function keyResultProgress(kr: KeyResult, asOf?: Date): KeyResultProgress {
  const history = usableHistory(kr.checkIns, asOf);
  switch (kr.kind) {
    case 'increase':
    case 'decrease': {
      const value = observedValue(kr, asOf);
      const raw = value === null ? 0 : towardTargetProgress(kr.kind, kr.start, kr.target, value);
      return result(raw, value, value !== null, history.length);
    }
    case 'stay_above':
    case 'stay_below': {
      const kind = kr.kind;
      if (history.length > 0) {
        const met = history.filter((c) => meetsLimit(kind, kr.target, c.value)).length;
        return result(met / history.length, history.at(-1)?.value ?? null, true, history.length);
      }
      // No check-ins yet: judge the current value alone, if there is one.
      const value = observedValue(kr, asOf);
      if (value === null) return result(0, null, false, 0);
      return result(meetsLimit(kind, kr.target, value) ? 1 : 0, value, true, 1);
    }
    case 'boolean': {
      const value = observedValue(kr, asOf);
      return result(isDone(value) ? 1 : 0, value, value !== null, history.length);
    }
    case 'milestone': {
      const items = kr.milestones ?? [];
      return result(milestoneShare(items), null, items.length > 0, history.length);
    }
  }
}

function result(
  raw: number,
  value: number | null,
  measured: boolean,
  observations: number,
): KeyResultProgress {
  return { raw, capped: capProgress(raw), value, measured, observations };
}
