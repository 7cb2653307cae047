import { describe, expect, it } from 'vitest';
import { curveAt, elapsedShare, expectedProgress } from '../../../src/domain/status/index.ts';
import { DAY, QUARTER, week } from './fixtures.ts';

describe('expected progress', () => {
  it('follows a straight line by default', () => {
    expect(expectedProgress(QUARTER, week(6.5))).toBeCloseTo(0.5);
    expect(expectedProgress(QUARTER, week(13))).toBe(1);
  });

  it('bends for back- and front-loaded plans but agrees at both ends', () => {
    expect(expectedProgress(QUARTER, week(6.5), 'back_loaded')).toBeCloseTo(0.25);
    expect(expectedProgress(QUARTER, week(6.5), 'front_loaded')).toBeCloseTo(0.75);
    for (const curve of ['linear', 'back_loaded', 'front_loaded'] as const) {
      expect(curveAt(curve, 0)).toBe(0);
      expect(curveAt(curve, 1)).toBe(1);
    }
  });

  it('is 0 before the cycle starts and 1 after it ends', () => {
    expect(expectedProgress(QUARTER, week(-2))).toBe(0);
    expect(expectedProgress(QUARTER, week(20), 'back_loaded')).toBe(1);
  });

  it('handles a zero-length cycle without dividing by zero', () => {
    const instant = { start: QUARTER.start, end: QUARTER.start };
    expect(elapsedShare(instant, new Date(QUARTER.start.getTime() - DAY))).toBe(0);
    expect(elapsedShare(instant, QUARTER.start)).toBe(1);
    expect(elapsedShare(instant, week(1))).toBe(1);
    // An end before the start is the same as a zero-length cycle.
    expect(elapsedShare({ start: QUARTER.start, end: week(-1) }, week(1))).toBe(1);
  });
});
