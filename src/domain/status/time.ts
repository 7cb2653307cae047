import type { Cycle } from './types.ts';

export const MS_PER_DAY = 86_400_000;

export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && Number.isFinite(value.getTime());
}

/** Cycle bounds in milliseconds; an end before the start collapses to a zero-length cycle. */
export function cycleBounds(cycle: Cycle): { startMs: number; endMs: number } {
  const startMs = cycle.start.getTime();
  return { startMs, endMs: Math.max(startMs, cycle.end.getTime()) };
}

/**
 * Share of the cycle that has passed at `at`, clamped to 0..1. A zero-length cycle has not begun
 * before its start and is entirely over from that moment on, which avoids dividing by zero.
 */
export function elapsedShare(cycle: Cycle, at: Date): number {
  const { startMs, endMs } = cycleBounds(cycle);
  const now = at.getTime();
  if (now <= startMs) return endMs === startMs && now === startMs ? 1 : 0;
  if (now >= endMs) return 1;
  return (now - startMs) / (endMs - startMs);
}

interface Observation {
  at: Date;
  value: number;
}

/**
 * The usable part of a history: valid dates, finite values, nothing after `asOf`, oldest first.
 * Check-ins recorded "in the future" relative to the evaluation moment are ignored so that replaying
 * an earlier date gives the answer the engine would have given then.
 */
export function usableHistory<T extends Observation>(history: readonly T[] | undefined, asOf?: Date): T[] {
  if (!history) return [];
  const limit = asOf ? asOf.getTime() : Number.POSITIVE_INFINITY;
  return history
    .filter((item) => isValidDate(item.at) && Number.isFinite(item.value) && item.at.getTime() <= limit)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
