import { describe, expect, it } from 'vitest';
import { forecastKeyResult, theilSen } from '../../../src/domain/status/index.ts';
import { decreaseFrom8To2, keyResult, QUARTER, week, weekly } from './fixtures.ts';

describe('Theil–Sen', () => {
  it('fits a clean line exactly and shrugs off one outlier', () => {
    const line = [1, 2, 3, 4, 5].map((x) => ({ x, y: 2 * x + 1 }));
    expect(theilSen(line)).toMatchObject({ slope: 2, intercept: 1 });
    const typo = line.map((p) => (p.x === 4 ? { x: 4, y: 900 } : p));
    expect(theilSen(typo)?.slope).toBe(2);
  });

  it('returns null without two distinct x values', () => {
    expect(theilSen([])).toBeNull();
    expect(theilSen([{ x: 1, y: 1 }])).toBeNull();
    expect(
      theilSen([
        { x: 1, y: 1 },
        { x: 1, y: 5 },
      ]),
    ).toBeNull();
  });
});

describe('forecast: increase and decrease', () => {
  it('projects a steady trend to the cycle end with a range', () => {
    const kr = keyResult({ checkIns: weekly([6, 12, 19, 24, 31, 36]) });
    const f = forecastKeyResult(kr, QUARTER, week(6));
    expect(f.method).toBe('trend');
    expect(f.attainment).toBeGreaterThan(0.75);
    expect(f.attainment).toBeLessThan(0.85);
    expect(f.low).toBeLessThanOrEqual(f.attainment);
    expect(f.high).toBeGreaterThanOrEqual(f.attainment);
    expect(f.text).toMatch(/^on course for \d+–\d+% of target$/);
    expect(f.projectedValue).toBeCloseTo(f.attainment * 100);
  });

  it('uses only the most recent check-ins', () => {
    // A flat start followed by a steady climb: the old flat weeks must not drag the slope down.
    const kr = keyResult({ checkIns: weekly([0, 0, 0, 0, 10, 20, 30, 40, 50, 60]) });
    expect(forecastKeyResult(kr, QUARTER, week(10)).attainment).toBeCloseTo(0.9);
  });

  it('mirrors for lower is better', () => {
    const kr = decreaseFrom8To2({ checkIns: weekly([7.6, 7.1, 6.6, 6.2, 5.7, 5.2]) });
    const f = forecastKeyResult(kr, QUARTER, week(6));
    expect(f.attainment).toBeGreaterThan(0.9);
    expect(f.attainment).toBeLessThan(1.1);
    expect(f.low).toBeLessThanOrEqual(f.high);
  });

  it('falls back to the plan with fewer than three check-ins', () => {
    const none = forecastKeyResult(keyResult(), QUARTER, week(6.5));
    expect(none).toMatchObject({ method: 'plan', pointsUsed: 0 });
    expect(none.attainment).toBeCloseTo(0.5);
    const two = forecastKeyResult(keyResult({ checkIns: weekly([10, 30]) }), QUARTER, week(6.5));
    expect(two.attainment).toBeCloseTo(0.8);
    expect(two.text).toContain('too few check-ins for a trend');
    const single = forecastKeyResult(keyResult({ checkIns: weekly([10]) }), QUARTER, week(1));
    expect(single.method).toBe('plan');
  });

  it('never forecasts below 0% or above 200%', () => {
    const crash = keyResult({ checkIns: weekly([50, 30, 10]) });
    expect(forecastKeyResult(crash, QUARTER, week(3))).toMatchObject({
      attainment: 0,
      low: 0,
      projectedValue: 0,
    });
    const rocket = keyResult({ checkIns: weekly([50, 100, 150]) });
    expect(forecastKeyResult(rocket, QUARTER, week(3))).toMatchObject({
      attainment: 2,
      high: 2,
      projectedValue: 200,
    });
  });

  it('reports the final result once a check-in lands at the cycle end', () => {
    const kr = keyResult({ checkIns: [...weekly([10, 20, 30]), { at: week(13), value: 90 }] });
    expect(forecastKeyResult(kr, QUARTER, week(14))).toMatchObject({ method: 'final', attainment: 0.9 });
  });

  it('handles a cycle that has not started, and a zero-length one', () => {
    const early = forecastKeyResult(keyResult(), QUARTER, week(-1));
    expect(early.attainment).toBe(1);
    const instant = { start: QUARTER.start, end: QUARTER.start };
    const f = forecastKeyResult(keyResult({ checkIns: weekly([10, 20, 30]) }), instant, week(4));
    expect(f.method).toBe('final');
    expect(f.attainment).toBeCloseTo(0.3);
  });

  it('guards start == target', () => {
    const f = forecastKeyResult(
      keyResult({ start: 5, target: 5, checkIns: weekly([4, 5, 6]) }),
      QUARTER,
      week(3),
    );
    expect([0, 1]).toContain(f.attainment);
  });
});

describe('forecast: other kinds', () => {
  it('boolean is 0 or 1', () => {
    const done = keyResult({ kind: 'boolean', start: 0, target: 1, current: 1 });
    expect(forecastKeyResult(done, QUARTER, week(3))).toMatchObject({ attainment: 1, text: 'done' });
    const hopeful = keyResult({
      kind: 'boolean',
      start: 0,
      target: 1,
      checkIns: [{ at: week(1), value: 0, confidence: 8 }],
    });
    expect(forecastKeyResult(hopeful, QUARTER, week(3))).toMatchObject({ attainment: 1, low: 0, high: 1 });
    const doubtful = keyResult({
      kind: 'boolean',
      start: 0,
      target: 1,
      checkIns: [{ at: week(1), value: 0, confidence: 2 }],
    });
    expect(forecastKeyResult(doubtful, QUARTER, week(3)).attainment).toBe(0);
    expect(forecastKeyResult(hopeful, QUARTER, week(13)).attainment).toBe(0);
  });

  it('milestones range from what is done to the rest of the plan delivered', () => {
    const milestones = [
      { title: 'a', weight: 1, done: true },
      { title: 'b', weight: 1, done: false },
      { title: 'c', weight: 1, done: false },
      { title: 'd', weight: 1, done: false },
    ];
    const f = forecastKeyResult(keyResult({ kind: 'milestone', milestones }), QUARTER, week(6.5));
    expect(f).toMatchObject({ low: 0.25, high: 0.75, attainment: 0.75 });
    expect(f.text).toBe('on course for 25–75% of milestones');
  });

  it('stay kinds project the share of check-ins holding the limit', () => {
    const kr = keyResult({
      kind: 'stay_below',
      target: 300,
      checkIns: weekly([250, 320, 260, 270, 280, 290]),
    });
    const f = forecastKeyResult(kr, QUARTER, week(6));
    expect(f.method).toBe('share');
    // The last four check-ins all held, so the remaining seven are projected to hold too.
    expect(f.attainment).toBeCloseTo((5 + 7) / 13);
    expect(f.low).toBeGreaterThanOrEqual(0);
    expect(f.high).toBeLessThanOrEqual(1);
    expect(f.low).toBeLessThanOrEqual(f.attainment);
  });
});
