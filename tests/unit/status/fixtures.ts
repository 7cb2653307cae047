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
