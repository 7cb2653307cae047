import { describe, expect, it } from 'vitest';
import {
  evaluateKeyResult,
  learnCalibration,
  resolveStatusSettings,
} from '../../../src/domain/status/index.ts';
import { decreaseFrom8To2, keyResult, overconfident, QUARTER, week, weekly } from './fixtures.ts';

const optimistHistory = overconfident('opt');

describe('key result status: the numbers', () => {
  it('is on track on plan, and says what the forecast weighed', () => {
    const kr = keyResult({ checkIns: weekly([8, 16, 24, 31, 40, 47]) });
    const s = evaluateKeyResult(kr, QUARTER, week(6));
    expect(s.status).toBe('on_track');
    expect(s.forecast.method).toBe('weighed');
    expect(s.reasons[0]).toMatch(
      /^on course for \d+–\d+% of target, weighing the numbers along the straight-line plan/,
    );
    expect(s.reasons).toContain('47% done vs 46% expected');
    expect(s.gapPoints).toBeCloseTo(47 - (6 / 13) * 100, 5);
  });

  it('is at risk and then off track as the numbers fall further behind', () => {
    const at = (last: number) =>
      evaluateKeyResult(keyResult({ checkIns: weekly([8, 15, 23, 31, 38, last]) }), QUARTER, week(6.5))
        .status;
    expect(at(45)).toBe('on_track');
    expect(at(33)).toBe('at_risk');
    const far = evaluateKeyResult(keyResult({ checkIns: weekly([2, 4, 6, 8, 10, 12]) }), QUARTER, week(6.5));
    expect(far.status).toBe('off_track');
    expect(far.signals[0]?.code).toBe('forecast');
    expect(far.reasons).toContain('12% done vs 50% expected');
  });

  it('gets lower-is-better right: a decrease KR moving down is progressing', () => {
    const good = decreaseFrom8To2({ checkIns: weekly([7.5, 7, 6.6, 6, 5.5, 5]) });
    expect(evaluateKeyResult(good, QUARTER, week(6.5)).status).toBe('on_track');
    const bad = decreaseFrom8To2({ checkIns: weekly([8, 8.2, 8.1, 8.4, 8.3, 8.5]) });
    const s = evaluateKeyResult(bad, QUARTER, week(6.5));
    expect(s.status).toBe('off_track');
    expect(s.reasons).toContain('0% done vs 50% expected');
  });

  it('uses the declared curve and names it: a back-loaded launch is not behind early on', () => {
    const kr = keyResult({ curve: 'back_loaded', checkIns: weekly([1, 3, 5, 10, 15, 21]) });
    const back = evaluateKeyResult(kr, QUARTER, week(6));
    expect(back.status).toBe('on_track');
    expect(back.reasons[0]).toContain('along the back-loaded plan');
    expect(evaluateKeyResult({ ...kr, curve: 'linear' }, QUARTER, week(6)).status).not.toBe('on_track');
  });

  it('reports 120% and stays on track past the target', () => {
    const s = evaluateKeyResult(keyResult({ current: 120, checkIns: weekly([60, 120]) }), QUARTER, week(2));
    expect(s.status).toBe('on_track');
    expect(s.reasons).toContain('120% done vs 15% expected');
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

  it('flags an early jump that has stalled even while ahead of the plan', () => {
    // 40% in two weeks, then nothing: ahead of plan at week 6 but heading for ~40%.
    const kr = keyResult({ checkIns: weekly([20, 40, 40, 40, 40, 40]) });
    const s = evaluateKeyResult(kr, QUARTER, week(6));
    expect(s.gapPoints).toBeGreaterThan(-10);
    expect(s.status).toBe('off_track');
    expect(s.signals[0]?.code).toBe('forecast');
    // The stall breaks the pace so far: the trend alone speaks for the numbers.
    expect(s.forecast.attainment).toBeGreaterThan(0.35);
    expect(s.forecast.attainment).toBeLessThan(0.5);
  });

  it('reads a stall from where it stopped, not from the pace before it', () => {
    const stalled = keyResult({ checkIns: weekly([8, 16, 24, 31, 31, 31]) });
    const moving = keyResult({ checkIns: weekly([8, 16, 24, 31, 36, 41]) });
    const s = evaluateKeyResult(stalled, QUARTER, week(6));
    expect(s.status).not.toBe('on_track');
    expect(s.forecast.attainment).toBeLessThan(
      evaluateKeyResult(moving, QUARTER, week(6)).forecast.attainment,
    );
  });

  it('does not read a trend early in the cycle', () => {
    const kr = keyResult({ checkIns: weekly([10, 20, 30]) });
    const s = evaluateKeyResult(kr, QUARTER, week(3));
    expect(s.signals.find((x) => x.code === 'forecast')?.data.numbers).toBeCloseTo(
      (0.3 + 0.1) / (3 / 13 + 0.1),
      6,
    );
  });
});

describe('key result status: confidence is weighed, not a veto', () => {
  const onPlan = [8, 16, 24, 31, 40, 47];
  const behind = (confidences: (number | undefined)[]) =>
    keyResult({ checkIns: weekly([2, 4, 6, 8, 9, 10], confidences) });

  it('lowers the outlook of a key result on plan when the owner rates it low', () => {
    const at = (confidence: number) =>
      evaluateKeyResult(
        keyResult({ checkIns: weekly(onPlan, [8, 8, 8, 8, 8, confidence]) }),
        QUARTER,
        week(6),
      );
    expect(at(8).status).toBe('on_track');
    expect(at(1).status).toBe('at_risk');
    expect(at(1).reasons[0]).toContain("the owner's 1/10 read as 20%");
    expect(at(1).reasons).toContain('confidence 1/10, down from 8');
  });

  it('lets a strong, steady, fresh rating outweigh a gap that a back-loaded plan would explain', () => {
    const s = evaluateKeyResult(behind([9, 9, 9, 9, 9, 9]), QUARTER, week(6.5));
    expect(s.status).toBe('on_track');
    expect(s.reasons).toContain('a late-landing (back-loaded) plan would explain the gap');
  });

  it('does not excuse a falling rating, an old rating or a gap no plan shape explains', () => {
    expect(evaluateKeyResult(behind([9, 9, 9, 7, 6, 5]), QUARTER, week(6.5)).status).not.toBe('on_track');
    const old = evaluateKeyResult(behind([9, 9, 9, undefined, undefined, undefined]), QUARTER, week(6.5));
    expect(old.status).not.toBe('on_track');
    const late = keyResult({ checkIns: weekly([1, 2, 3, 4, 5, 6, 7, 8, 9], [9, 9, 9, 9, 9, 9, 9, 9, 9]) });
    expect(evaluateKeyResult(late, QUARTER, week(9)).status).not.toBe('on_track');
  });

  it('counts a rating for less when the numbers have not moved while the plan expected them to', () => {
    const flat = keyResult({ checkIns: weekly([10, 20, 30, 30, 30, 30], [9, 9, 9, 9, 9, 9]) });
    const s = evaluateKeyResult(flat, QUARTER, week(6));
    expect(s.status).not.toBe('on_track');
    expect(s.reasons).toContain('the numbers have not moved while the plan expected them to');
  });

  it('does not read a key result that never moved as a stall: a late landing would explain it', () => {
    const launch = keyResult({ checkIns: weekly([0, 0, 1, 1, 1, 1], [9, 9, 9, 9, 9, 9]) });
    const s = evaluateKeyResult(launch, QUARTER, week(6));
    expect(s.status).toBe('on_track');
    expect(s.reasons).toContain('a late-landing (back-loaded) plan would explain the gap');
    expect(s.reasons).not.toContain('the numbers have not moved while the plan expected them to');
  });

  it('does not excuse a stall as a late landing, however sure the owner is', () => {
    const stalled = keyResult({ checkIns: weekly([6, 15, 24, 39, 40, 37], [9, 9, 9, 9, 10, 9]) });
    const s = evaluateKeyResult(stalled, QUARTER, week(6));
    expect(s.status).not.toBe('on_track');
    expect(s.reasons).not.toContain('a late-landing (back-loaded) plan would explain the gap');
    expect(s.reasons).toContain('the numbers have not moved while the plan expected them to');
  });

  it("reads a cautious owner's usual rating at its calibrated value, but not as a strong one", () => {
    const cautious = Array.from({ length: 6 }, () => ({ owner: 'careful', confidence: 5, final: 1 }));
    const calibration = learnCalibration(cautious, 'careful');
    // Their 5s have ended at target: on a key result on plan, a 5 does not drag the outlook down...
    const onPlanKr = keyResult({ checkIns: weekly(onPlan, [5, 5, 5, 5, 5, 5]), calibration });
    expect(evaluateKeyResult(onPlanKr, QUARTER, week(6)).status).toBe('on_track');
    // ...but it is not the owner saying they are sure of a late landing, so it does not excuse a gap.
    const s = evaluateKeyResult({ ...behind([5, 5, 5, 5, 5, 5]), calibration }, QUARTER, week(6.5));
    expect(s.status).not.toBe('on_track');
    expect(s.reasons).not.toContain('a late-landing (back-loaded) plan would explain the gap');
    // The mirror image: the same record read for an owner whose 9s ended at 60%.
    const high = learnCalibration(optimistHistory, 'opt');
    const onPlanHigh = keyResult({ checkIns: weekly(onPlan, [9, 9, 9, 9, 9, 9]), calibration: high });
    expect(evaluateKeyResult(onPlanHigh, QUARTER, week(6)).status).toBe('on_track');
  });

  it('weighs a rating by its precision: outcomes twice as scattered count for a quarter as much', () => {
    const kr = keyResult({ checkIns: weekly(onPlan, [7, 7, 7, 7, 7, 7]) });
    const weightWith = (spread: number) =>
      evaluateKeyResult(
        { ...kr, calibration: { bias: 0.1, observations: 12, spread, source: 'owner' } },
        QUARTER,
        week(6),
      ).signals.find((x) => x.code === 'forecast')?.data.ownerWeight as number;
    expect(weightWith(0.4)).toBeCloseTo(weightWith(0.2) / 4, 6);
  });

  it('reads an owner through their record: 9/10s that ended at 60% are not a free pass', () => {
    const calibration = learnCalibration(optimistHistory, 'opt');
    const s = evaluateKeyResult({ ...behind([9, 9, 9, 9, 9, 9]), calibration }, QUARTER, week(6.5));
    expect(s.status).not.toBe('on_track');
    expect(s.reasons.join(' · ')).toMatch(
      /the owner's past ratings ran \d+ points high \(6 finished key results\)/,
    );
  });

  it('skips check-ins that gave no confidence when finding the previous one', () => {
    const s = evaluateKeyResult(
      keyResult({ checkIns: weekly(onPlan, [9, undefined, undefined, undefined, undefined, 5]) }),
      QUARTER,
      week(6),
    );
    expect(s.confidence).toMatchObject({ latest: 5, previous: 9, change: -4 });
  });

  it('puts the deciding reasons first and the weighed evidence after', () => {
    const kr = keyResult({ checkIns: weekly([5, 10, 15, 27], [8, 8, 7, 4]) });
    const s = evaluateKeyResult(kr, QUARTER, week(6.5));
    expect(s.status).not.toBe('on_track');
    const decisive = s.signals.filter((x) => !x.advisory);
    expect(s.signals.slice(0, decisive.length)).toEqual(decisive);
    expect(s.reasons).toContain('27% done vs 50% expected');
    expect(s.reasons).toContain('no check-in for 2 weeks');
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

  it('weighs a short silence on an increase/decrease key result into the outlook instead of deciding on it', () => {
    // On plan and rated 8/10 up to week 6, then two weeks without a word.
    const onPlan = keyResult({ checkIns: weekly([8, 16, 24, 31, 40, 47], [8, 8, 8, 8, 8, 8]) });
    const quiet = evaluateKeyResult(onPlan, QUARTER, week(8));
    expect(quiet.staleness.status).toBe('at_risk');
    expect(quiet.status).toBe('on_track');
    const silence = quiet.signals.find((x) => x.code === 'stale');
    expect(silence).toMatchObject({ status: 'at_risk', advisory: true, text: 'no check-in for 2 weeks' });
    expect(quiet.forecast.attainment).toBeLessThan(
      evaluateKeyResult(onPlan, QUARTER, week(6)).forecast.attainment,
    );
    // Longer, and neither the rating nor the trend drawn at the last check-in counts in its favour:
    // the pace alone, falling as the plan moves on, makes it at risk before silence decides.
    const quieter = evaluateKeyResult(onPlan, QUARTER, week(9));
    expect(quieter.status).toBe('at_risk');
    expect(quieter.signals[0]?.code).toBe('forecast');
    expect(quieter.reasons[0]).toContain('silent since the last check-in');
    expect(quieter.reasons).toContain('the latest rating is too old to count in its favour');
    expect(quieter.reasons).toContain('no check-in for 3 weeks');
    // A long silence still decides on its own.
    const silent = evaluateKeyResult(onPlan, QUARTER, week(10));
    expect(silent.status).toBe('off_track');
    expect(silent.signals[0]).toMatchObject({ code: 'stale', text: 'no check-in for 4 weeks' });
    expect(silent.signals[0]?.advisory).toBeUndefined();
  });

  it('still lets a short silence decide where nothing weighs it: the stay, yes/no and milestone kinds', () => {
    const limit = keyResult({ kind: 'stay_below', target: 300, checkIns: weekly([200, 210, 220, 230]) });
    const s = evaluateKeyResult(limit, QUARTER, week(6));
    expect(s.status).toBe('at_risk');
    expect(s.signals[0]).toMatchObject({ code: 'stale', text: 'no check-in for 2 weeks' });
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

describe('key result status: added mid-cycle', () => {
  it('counts silence from the creation of a key result added after the cycle began', () => {
    const added = keyResult({ createdAt: week(6) });
    const fresh = evaluateKeyResult(added, QUARTER, week(6.5));
    expect(fresh.staleness.status).toBe('on_track');
    expect(fresh.status).toBe('on_track');
    expect(evaluateKeyResult(added, QUARTER, week(7.5)).staleness.status).toBe('at_risk');
    // Without a known creation the cycle start counts, as before.
    expect(evaluateKeyResult(keyResult(), QUARTER, week(6.5)).staleness.status).toBe('off_track');
    // Imported history from before the creation still counts as check-ins.
    const imported = keyResult({ createdAt: week(6), checkIns: weekly([10, 20, 30, 40, 46]) });
    expect(evaluateKeyResult(imported, QUARTER, week(6.5)).staleness.neverCheckedIn).toBe(false);
  });
});
