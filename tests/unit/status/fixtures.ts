import type { CheckIn, Cycle, KeyResult } from '../../../src/domain/status/index.ts';

export const DAY = 86_400_000;
export const WEEK = 7 * DAY;

/** A 13-week quarter starting on a Monday. */
export const QUARTER: Cycle = {
  start: new Date('2025-01-06T00:00:00Z'),
  end: new Date('2025-04-07T00:00:00Z'),
};

/** The moment `n` weeks (fractions allowed) after the quarter starts. */
export function week(n: number): Date {
  return new Date(QUARTER.start.getTime() + n * WEEK);
}

export function keyResult(overrides: Partial<KeyResult> = {}): KeyResult {
  return {
    id: 'kr-1',
    title: 'Grow weekly active teams',
    kind: 'increase',
    start: 0,
    target: 100,
    current: null,
    ...overrides,
  };
}

/** A lower-is-better key result from 8 down to 2 (churn in %, say). */
export function decreaseFrom8To2(overrides: Partial<KeyResult> = {}): KeyResult {
  return keyResult({ kind: 'decrease', start: 8, target: 2, ...overrides });
}

/** The closed key results of an owner whose 9/10s ended at 60%, six times: two a cycle for three cycles. */
export function overconfident(owner: string): Array<{ owner: string; confidence: number; final: number }> {
  return Array.from({ length: 6 }, () => ({ owner, confidence: 9, final: 0.6 }));
}

/** Weekly check-ins: values[i] is recorded at the end of week i + 1. */
export function weekly(
  values: readonly number[],
  confidences: readonly (number | undefined)[] = [],
): CheckIn[] {
  return values.map((value, i) => {
    const confidence = confidences[i];
    return confidence === undefined ? { at: week(i + 1), value } : { at: week(i + 1), value, confidence };
  });
}
