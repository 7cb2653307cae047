import { describe, expect, it } from 'vitest';
import { evaluateKeyResult, resolveStatusSettings } from '../../../src/domain/status/index.ts';
import { keyResult, QUARTER, week, weekly } from './fixtures.ts';

describe('key result status: progress against plan', () => {
  it('is on track when at or ahead of the plan', () => {
    const kr = keyResult({ checkIns: weekly([8, 16, 24, 31, 40, 47], [8, 8, 8, 8, 8, 8]) });
    const s = evaluateKeyResult(kr, QUARTER, week(6));
    expect(s.status).toBe('on_track');
    expect(s.reasons).toEqual(['47% done vs 46% expected', 'confidence 8/10']);
    expect(s.summary).toBe('47% done vs 46% expected · confidence 8/10');
    expect(s.gapPoints).toBeCloseTo(47 - (6 / 13) * 100, 5);
  });

  it('is at risk more than 12 points behind and off track more than 25 points behind', () => {
    const behind = (value: number) =>
      evaluateKeyResult(keyResult({ checkIns: weekly([8, 15, 23, 31, 38, value]) }), QUARTER, week(6.5))
        .status;
    expect(behind(41)).toBe('on_track'); // 9 points behind 50% expected
    // The gap signal alone: a last value this low also bends the trend, which has its own say.
    const gapSignal = (value: number) =>
      evaluateKeyResult(
        keyResult({ checkIns: weekly([8, 15, 23, 31, 38, value]) }),
        QUARTER,
        week(6.5),
      ).signals.find((signal) => signal.code === 'progress_gap')?.status;
    expect(gapSignal(39)).toBe('on_track'); // 11 behind
    expect(gapSignal(37)).toBe('at_risk'); // 13 behind
    expect(behind(25)).toBe('at_risk'); // exactly 25 behind is not "more than 25"
    expect(behind(24)).toBe('off_track');
  });

  it('gets lower-is-better right: a decrease KR moving down is progressing', () => {
    // Churn from 8% to 2%: at week 6.5 the plan expects 5%.
    const good = keyResult({
      kind: 'decrease',
      start: 8,
      target: 2,
      checkIns: weekly([7.5, 7, 6.6, 6, 5.5, 5]),
    });
    expect(evaluateKeyResult(good, QUARTER, week(6.5)).status).toBe('on_track');
    const bad = keyResult({
      kind: 'decrease',
      start: 8,
      target: 2,
      checkIns: weekly([8, 8.2, 8.1, 8.4, 8.3, 8.5]),
    });
    const s = evaluateKeyResult(bad, QUARTER, week(6.5));
    expect(s.status).toBe('off_track');
    expect(s.reasons[0]).toBe('0% done vs 50% expected');
  });

  it('uses the planned curve: a back-loaded launch is not behind early on', () => {
    const kr = keyResult({ curve: 'back_loaded', checkIns: weekly([1, 3, 5, 10, 15, 21]) });
    expect(evaluateKeyResult(kr, QUARTER, week(6)).status).toBe('on_track');
    expect(evaluateKeyResult({ ...kr, curve: 'linear' }, QUARTER, week(6)).status).toBe('off_track');
  });

  it('reports 120% and stays on track past the target', () => {
    const s = evaluateKeyResult(keyResult({ current: 120, checkIns: weekly([60, 120]) }), QUARTER, week(2));
    expect(s.status).toBe('on_track');
    expect(s.reasons[0]).toBe('120% done vs 15% expected');
  });

  it('notes an increase whose target is below its start', () => {
    const kr = keyResult({ start: 50, target: 40, checkIns: weekly([48]) });
    const s = evaluateKeyResult(kr, QUARTER, week(1));
    expect(s.signals.map((x) => x.code)).toContain('direction_mismatch');
    expect(s.summary).toContain('target 40 is below the start 50');
  });

  it('guards start == target', () => {
    const kr = keyResult({ start: 10, target: 10, checkIns: weekly([9, 10]) });
    const s = evaluateKeyResult(kr, QUARTER, week(2));
    expect(s.progress.raw).toBe(1);
    expect(s.status).toBe('on_track');
    expect(Number.isFinite(s.forecast.attainment)).toBe(true);
  });
});

describe('key result status: confidence', () => {
  const onPlan = [8, 16, 24, 31, 40, 47];

  it('is off track at 3/10 or below and at risk at 6/10 or below', () => {
    const at = (confidence: number) =>
      evaluateKeyResult(
        keyResult({ checkIns: weekly(onPlan, [8, 8, 8, 8, 8, confidence]) }),
        QUARTER,
        week(6),
      );
    expect(at(7).status).toBe('on_track');
    expect(at(6).status).toBe('at_risk');
    expect(at(3).status).toBe('off_track');
    expect(at(3).reasons[0]).toBe('confidence 3/10, down from 8');
  });

  it('is at risk after a drop of 3 or more even when still high', () => {
    const s = evaluateKeyResult(
      keyResult({ checkIns: weekly(onPlan, [10, 10, 10, 10, 10, 7]) }),
      QUARTER,
      week(6),
    );
    expect(s.status).toBe('at_risk');
    expect(s.reasons[0]).toBe('confidence 7/10, down from 10');
  });

  it('skips check-ins that gave no confidence when finding the previous one', () => {
    const s = evaluateKeyResult(
      keyResult({ checkIns: weekly(onPlan, [9, undefined, undefined, undefined, undefined, 5]) }),
      QUARTER,
      week(6),
    );
    expect(s.confidence).toMatchObject({ latest: 5, previous: 9, change: -4 });
  });

  it('combines reasons in the order that drives the status', () => {
    const kr = keyResult({ checkIns: weekly([5, 10, 15, 27], [8, 8, 7, 4]) });
    const s = evaluateKeyResult(kr, QUARTER, week(6.5));
    expect(s.status).toBe('at_risk');
    expect(s.reasons).toEqual([
      '27% done vs 50% expected',
      'confidence 4/10, down from 7',
      'no check-in for 2 weeks',
    ]);
    expect(s.summary).toBe(
      '27% done vs 50% expected · confidence 4/10, down from 7 · no check-in for 2 weeks',
    );
  });
});

describe('key result status: a confident owner gets the benefit of the doubt', () => {
  // 15 points behind at week 6.5 (35% vs 50% expected).
  const behind = (confidences: (number | undefined)[]) =>
    keyResult({ checkIns: weekly([6, 12, 18, 24, 30, 35], confidences) });

  it('tolerates a moderate gap when the owner is confident and recently rated', () => {
    expect(evaluateKeyResult(behind([8, 8, 8, 8, 8, 8]), QUARTER, week(6.5)).status).toBe('on_track');
    expect(evaluateKeyResult(behind([8, 8, 8, 8, 8, 7]), QUARTER, week(6.5)).status).toBe('at_risk');
  });

  it('does not excuse falling confidence, an old rating or an off-track gap', () => {
    expect(evaluateKeyResult(behind([9, 9, 9, 9, 9, 8]), QUARTER, week(6.5)).status).toBe('at_risk');
    const oldRating = behind([8, 8, 8, 8, undefined, undefined]);
    expect(evaluateKeyResult(oldRating, QUARTER, week(6.5)).status).toBe('at_risk');
    const farBehind = keyResult({ checkIns: weekly([3, 6, 9, 12, 15, 20], [9, 9, 9, 9, 9, 9]) });
    expect(evaluateKeyResult(farBehind, QUARTER, week(6.5)).status).toBe('off_track');
  });

  it('can be switched off', () => {
    const strict = resolveStatusSettings({ confidentOwnerAtLeast: 11 });
    expect(evaluateKeyResult(behind([8, 8, 8, 8, 8, 8]), QUARTER, week(6.5), strict).status).toBe('at_risk');
  });
});

describe('key result status: staleness', () => {
  const kr = keyResult({ checkIns: weekly([10, 20]) });

  it('is at risk after 2 missed weeks and off track after 4', () => {
    expect(evaluateKeyResult(kr, QUARTER, week(3.9)).staleness.status).toBe('on_track');
    expect(evaluateKeyResult(kr, QUARTER, week(4)).staleness.status).toBe('at_risk');
    expect(evaluateKeyResult(kr, QUARTER, week(6)).staleness.status).toBe('off_track');
    expect(evaluateKeyResult(kr, QUARTER, week(6)).reasons).toContain('no check-in for 4 weeks');
  });

  it('treats a key result never checked in as stale once a period has passed', () => {
    const silent = keyResult({ kind: 'stay_below', target: 300 });
    expect(evaluateKeyResult(silent, QUARTER, week(1)).status).toBe('on_track');
    const s = evaluateKeyResult(silent, QUARTER, week(1.5));
    expect(s.status).toBe('at_risk');
    expect(s.signals[0]?.code).toBe('never_checked_in');
    expect(s.reasons[0]).toBe('no check-in yet this cycle (10 days in)');
  });

  it('does not count check-ins from before the cycle', () => {
    const old = keyResult({ kind: 'stay_below', target: 300, checkIns: [{ at: week(-1), value: 200 }] });
    expect(evaluateKeyResult(old, QUARTER, week(2)).staleness.neverCheckedIn).toBe(true);
  });

  it('freezes staleness at the cycle end', () => {
    const s = evaluateKeyResult(
      keyResult({ checkIns: weekly([...Array(13)].map((_, i) => (i + 1) * 8)) }),
      QUARTER,
      week(30),
    );
    expect(s.staleness.missedPeriods).toBe(0);
  });

  it('follows a custom check-in period', () => {
    const fortnightly = resolveStatusSettings({ checkInPeriodDays: 14 });
    expect(evaluateKeyResult(kr, QUARTER, week(4), fortnightly).staleness.status).toBe('on_track');
    expect(evaluateKeyResult(kr, QUARTER, week(6), fortnightly).staleness.status).toBe('at_risk');
  });
});

describe('key result status: cycle edges', () => {
  it('is on track before the cycle starts and says when it starts', () => {
    const s = evaluateKeyResult(keyResult(), QUARTER, week(-0.5));
    expect(s.status).toBe('on_track');
    expect(s.reasons).toEqual(['cycle starts in 3 days']);
  });

  it('judges an ended cycle against the full target', () => {
    const kr = keyResult({ checkIns: weekly([...Array(13)].map((_, i) => (i + 1) * 5)) });
    const s = evaluateKeyResult(kr, QUARTER, week(15));
    expect(s.expected).toBe(1);
    expect(s.status).toBe('off_track');
    expect(s.reasons[0]).toBe('65% done vs 100% expected');
    expect(s.forecast).toMatchObject({
      method: 'final',
      attainment: 0.65,
      text: 'finished at 65% of target',
    });
  });

  it('handles a zero-length cycle', () => {
    const instant = { start: QUARTER.start, end: QUARTER.start };
    const s = evaluateKeyResult(keyResult({ current: 40 }), instant, week(1));
    expect(s.expected).toBe(1);
    expect(s.status).toBe('off_track');
    expect(Number.isFinite(s.forecast.attainment)).toBe(true);
  });
});

describe('key result status: other kinds', () => {
  it('stay_below: limit share and a current breach', () => {
    const kr = keyResult({
      kind: 'stay_below',
      start: 0,
      target: 300,
      checkIns: weekly([250, 280, 260, 290, 310]),
    });
    const s = evaluateKeyResult(kr, QUARTER, week(5));
    expect(s.status).toBe('at_risk');
    expect(s.reasons).toEqual([
      'limit held in 4 of 5 check-ins (80%)',
      'latest 310 is above the ceiling of 300',
    ]);
    const fine = keyResult({ kind: 'stay_below', target: 300, checkIns: weekly([250, 280, 260, 290, 270]) });
    expect(evaluateKeyResult(fine, QUARTER, week(5)).status).toBe('on_track');
  });

  it('stay_above: off track when the limit failed in most check-ins', () => {
    const kr = keyResult({ kind: 'stay_above', target: 99.9, checkIns: weekly([99.5, 99.95, 99.7, 99.8]) });
    const s = evaluateKeyResult(kr, QUARTER, week(4));
    expect(s.status).toBe('off_track');
    expect(s.reasons).toContain('latest 99.8 is below the floor of 99.9');
  });

  it('boolean: fine until late in the cycle, then at risk, then off track', () => {
    const kr = keyResult({
      kind: 'boolean',
      start: 0,
      target: 1,
      checkIns: weekly([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    });
    expect(evaluateKeyResult(kr, QUARTER, week(10)).status).toBe('on_track');
    expect(evaluateKeyResult(kr, QUARTER, week(11)).status).toBe('at_risk');
    expect(evaluateKeyResult(kr, QUARTER, week(11)).reasons[0]).toBe('not done with 15% of the cycle left');
    expect(evaluateKeyResult(kr, QUARTER, week(13)).status).toBe('off_track');
  });

  it('boolean and milestone: done is on track whatever else is said', () => {
    const yes = keyResult({
      kind: 'boolean',
      start: 0,
      target: 1,
      checkIns: [{ at: week(1), value: 1, confidence: 1 }],
    });
    expect(evaluateKeyResult(yes, QUARTER, week(9)).reasons).toEqual(['done']);
    const milestones = [{ title: 'a', weight: 1, done: true }];
    expect(evaluateKeyResult(keyResult({ kind: 'milestone', milestones }), QUARTER, week(9)).status).toBe(
      'on_track',
    );
  });

  it('milestone: compares the weighted share done with the plan', () => {
    const milestones = [
      { title: 'Spec', weight: 1, done: true },
      { title: 'Beta', weight: 2, done: false },
      { title: 'GA', weight: 1, done: false },
    ];
    const kr = keyResult({ kind: 'milestone', milestones, checkIns: weekly([0, 0, 0, 0, 0, 0, 0, 1]) });
    const s = evaluateKeyResult(kr, QUARTER, week(8));
    expect(s.reasons[0]).toBe('25% done vs 62% expected');
    expect(s.status).toBe('off_track');
  });
});

describe('key result status: trend forecast', () => {
  it('flags an early jump that has stalled even while ahead of the plan', () => {
    // 40% in two weeks, then nothing: ahead of plan at week 5 but heading for ~40%.
    const kr = keyResult({ checkIns: weekly([20, 40, 40, 40, 40, 40]) });
    const s = evaluateKeyResult(kr, QUARTER, week(6));
    expect(s.gapPoints).toBeGreaterThan(-10);
    expect(s.status).toBe('at_risk');
    expect(s.signals[0]?.code).toBe('forecast');
    expect(s.reasons[0]).toMatch(/^on course for ~?\d+(–\d+)?% of target$/);
  });

  it('ignores the trend early in the cycle', () => {
    const kr = keyResult({ checkIns: weekly([20, 20, 20]) });
    expect(evaluateKeyResult(kr, QUARTER, week(3)).signals.map((s) => s.code)).not.toContain('forecast');
  });
});
