import { describe, expect, it } from 'vitest';
import { objectiveDetail } from '../../../src/domain/status/flag-detail.ts';
import { evaluateObjective, type KeyResult, type Objective } from '../../../src/domain/status/index.ts';
import { keyResult, QUARTER, week, weekly } from './fixtures.ts';

// At week 6.5 the plan expects 50%.
const now = week(6.5);
const onTrack = (id: string, weight = 1): KeyResult =>
  keyResult({ id, title: id, weight, checkIns: weekly([8, 15, 23, 31, 38, 46]) });
const atRisk = (id: string, weight = 1): KeyResult =>
  keyResult({ id, title: id, weight, checkIns: weekly([6, 12, 18, 24, 30, 36]) });
const offTrack = (id: string, weight = 1): KeyResult =>
  keyResult({ id, title: id, weight, checkIns: weekly([2, 4, 6, 8, 10, 12]) });

const objective = (keyResults: KeyResult[], children: Objective[] = []): Objective => ({
  id: 'obj',
  title: 'Win the mid-market',
  keyResults,
  children,
});

describe('objective status', () => {
  it('is on track when every key result is', () => {
    const s = evaluateObjective(objective([onTrack('a'), onTrack('b')]), QUARTER, now);
    expect(s.status).toBe('on_track');
    expect(s.drivers).toEqual([]);
    expect(s.summary).toBe('46% done vs 50% expected');
  });

  it('shrugs off a light at-risk key result but names it', () => {
    const s = evaluateObjective(objective([onTrack('a', 2), onTrack('b', 2), atRisk('c', 1)]), QUARTER, now);
    expect(s.status).toBe('on_track');
    expect(s.drivers.map((d) => d.id)).toEqual(['c']);
    expect(s.reasons).toContain('at risk: c (20% of weight)');
  });

  it('is at risk when at-risk key results carry a quarter of the weight', () => {
    const s = evaluateObjective(
      objective([onTrack('a'), onTrack('b'), onTrack('c'), atRisk('d')]),
      QUARTER,
      now,
    );
    expect(s.status).toBe('at_risk');
  });

  it('is at risk when any key result is off track, off track from a third of the weight', () => {
    const light = evaluateObjective(objective([onTrack('a', 3), offTrack('b', 1)]), QUARTER, now);
    expect(light.status).toBe('at_risk');
    expect(light.reasons[0]).toBe('off track: b (25% of weight)');
    const heavy = evaluateObjective(objective([onTrack('a', 2), offTrack('b', 1)]), QUARTER, now);
    expect(heavy.status).toBe('off_track');
  });

  it('names drivers worst first, heaviest first', () => {
    const s = evaluateObjective(
      objective([
        atRisk('light risk', 1),
        offTrack('heavy off', 3),
        atRisk('heavy risk', 2),
        offTrack('light off', 1),
      ]),
      QUARTER,
      now,
    );
    expect(s.status).toBe('off_track');
    expect(s.drivers.map((d) => d.id)).toEqual(['heavy off', 'light off', 'heavy risk', 'light risk']);
    expect(s.reasons[0]).toBe('off track: heavy off, light off (57% of weight)');
    expect(s.summary.split(' · ')).toHaveLength(3);
  });

  it('counts an aligned child objective as one weighted unit', () => {
    const child: Objective = {
      id: 'child',
      title: 'Launch EU',
      weight: 2,
      keyResults: [offTrack('x'), offTrack('y')],
    };
    const s = evaluateObjective(objective([onTrack('a'), onTrack('b')], [child]), QUARTER, now);
    expect(s.children[0]?.status).toBe('off_track');
    // The child carries 2 of 4 units of weight.
    expect(s.status).toBe('off_track');
    expect(s.drivers[0]).toMatchObject({ type: 'objective', id: 'child', weightShare: 0.5 });
  });

  it('is at risk with nothing to measure', () => {
    const s = evaluateObjective(objective([]), QUARTER, now);
    expect(s.status).toBe('at_risk');
    expect(s.reasons).toEqual(['no key results yet']);
    expect(s.progress).toBeNull();
  });
});

describe('an objective flag names what put it there', () => {
  it('leads with the key results behind the status, then the numbers', () => {
    const s = evaluateObjective(
      objective([onTrack('Ship the API'), offTrack('Partner-sourced deals')]),
      QUARTER,
      now,
    );
    expect(s.status).not.toBe('on_track');
    expect(objectiveDetail(s)).toMatch(
      /^Partner-sourced deals off track \(50% of weight\) · \d+% done vs 50% expected$/,
    );
  });

  it('is just the numbers when nothing is behind', () => {
    const s = evaluateObjective(objective([onTrack('a'), onTrack('b')]), QUARTER, now);
    expect(objectiveDetail(s)).toBe('46% done vs 50% expected');
  });
});
