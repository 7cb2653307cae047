import { describe, expect, it } from 'vitest';
import {
  capProgress,
  effectiveWeight,
  keyResultProgress,
  milestoneShare,
  towardTargetProgress,
} from '../../../src/domain/status/index.ts';
import { decreaseFrom8To2, keyResult, week, weekly } from './fixtures.ts';

describe('increase and decrease progress', () => {
  it.each([
    [20, 0.5],
    [10, 0],
    [30, 1],
  ])('is linear from start to target: 10 → 30 at %d is %d', (value, progress) => {
    expect(towardTargetProgress('increase', 10, 30, value)).toBe(progress);
  });

  it('keeps over-achievement raw and caps it for rollups', () => {
    const p = keyResultProgress(keyResult({ start: 0, target: 100, current: 120 }));
    expect(p.raw).toBeCloseTo(1.2);
    expect(p.capped).toBe(1);
  });

  it('never reports negative progress when the value moves the wrong way', () => {
    expect(towardTargetProgress('increase', 10, 30, 5)).toBe(0);
    expect(towardTargetProgress('decrease', 8, 2, 9)).toBe(0);
  });

  it('treats decrease as lower is better: churn 8% → 2% at 5% is half done', () => {
    const p = keyResultProgress(decreaseFrom8To2({ current: 5 }));
    expect(p.raw).toBeCloseTo(0.5);
    expect(keyResultProgress(decreaseFrom8To2({ current: 1 })).raw).toBeCloseTo(7 / 6);
  });

  it('reads an increase with a target below its start as movement towards the target', () => {
    // The target is the most specific thing the owner wrote, so it wins over the kind label.
    expect(towardTargetProgress('increase', 50, 40, 45)).toBeCloseTo(0.5);
    expect(towardTargetProgress('increase', 50, 40, 55)).toBe(0);
  });

  it('does not divide by zero when start equals target', () => {
    expect(towardTargetProgress('increase', 5, 5, 5)).toBe(1);
    expect(towardTargetProgress('increase', 5, 5, 4)).toBe(0);
    expect(towardTargetProgress('decrease', 5, 5, 4)).toBe(1);
    expect(towardTargetProgress('decrease', 5, 5, 6)).toBe(0);
    expect(Number.isFinite(keyResultProgress(keyResult({ start: 3, target: 3, current: 3 })).raw)).toBe(true);
  });

  it('falls back to the newest check-in when current is null, and to 0 (unmeasured) without any', () => {
    const kr = keyResult({ current: null, checkIns: [...weekly([10, 30]).reverse()] });
    expect(keyResultProgress(kr).raw).toBeCloseTo(0.3);
    expect(keyResultProgress(kr, week(1.5)).raw).toBeCloseTo(0.1);
    const none = keyResultProgress(keyResult());
    expect(none).toMatchObject({ raw: 0, capped: 0, measured: false, value: null });
  });

  it('ignores check-ins with invalid dates or values', () => {
    const kr = keyResult({
      checkIns: [
        { at: week(1), value: 40 },
        { at: new Date('not a date'), value: 90 },
        { at: week(2), value: Number.NaN },
      ],
    });
    expect(keyResultProgress(kr).raw).toBeCloseTo(0.4);
  });
});

describe('stay_above and stay_below progress', () => {
  it('is the share of check-ins that held the limit', () => {
    const above = keyResult({ kind: 'stay_above', target: 99.9, checkIns: weekly([99.95, 99.8, 99.9, 100]) });
    expect(keyResultProgress(above).raw).toBe(0.75);
    const below = keyResult({ kind: 'stay_below', target: 300, checkIns: weekly([250, 320, 290]) });
    expect(keyResultProgress(below).raw).toBeCloseTo(2 / 3);
    expect(keyResultProgress(below).observations).toBe(3);
  });

  it('with no check-ins judges the current value alone, or reports 0 unmeasured', () => {
    expect(keyResultProgress(keyResult({ kind: 'stay_below', target: 300, current: 250 })).raw).toBe(1);
    expect(keyResultProgress(keyResult({ kind: 'stay_below', target: 300, current: 350 })).raw).toBe(0);
    expect(keyResultProgress(keyResult({ kind: 'stay_below', target: 300 }))).toMatchObject({
      raw: 0,
      measured: false,
    });
  });
});

describe('boolean progress', () => {
  it.each([
    [1, 1],
    [0, 0],
    [0.5, 0],
    [3, 1],
  ])('is 0 or 100%%, with 1 and above meaning done: %d reads %d', (current, progress) => {
    expect(keyResultProgress(keyResult({ kind: 'boolean', start: 0, target: 1, current })).raw).toBe(
      progress,
    );
  });
});

describe('milestone progress', () => {
  it('is the weighted share of done milestones', () => {
    const milestones = [
      { title: 'Design', weight: 1, done: true },
      { title: 'Build', weight: 3, done: false },
      { title: 'Launch', weight: 1, done: true },
    ];
    expect(milestoneShare(milestones)).toBeCloseTo(0.4);
    expect(keyResultProgress(keyResult({ kind: 'milestone', milestones })).raw).toBeCloseTo(0.4);
  });

  it('counts non-positive weights as 1 and no milestones as nothing done', () => {
    expect(
      milestoneShare([
        { title: 'a', weight: 0, done: true },
        { title: 'b', weight: -2, done: false },
      ]),
    ).toBe(0.5);
    expect(milestoneShare([])).toBe(0);
    expect(keyResultProgress(keyResult({ kind: 'milestone' })).measured).toBe(false);
  });
});

describe('helpers', () => {
  it('caps progress to 0..1 and defaults bad weights to 1', () => {
    expect(capProgress(1.7)).toBe(1);
    expect(capProgress(-0.2)).toBe(0);
    expect(capProgress(Number.POSITIVE_INFINITY)).toBe(1);
    expect(effectiveWeight(undefined)).toBe(1);
    expect(effectiveWeight(0)).toBe(1);
    expect(effectiveWeight(Number.NaN)).toBe(1);
    expect(effectiveWeight(2.5)).toBe(2.5);
  });
});
