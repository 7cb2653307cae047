import { describe, expect, it } from 'vitest';
import {
  type Objective,
  objectiveProgress,
  objectiveProgressOrNull,
  portfolioProgress,
} from '../../../src/domain/status/index.ts';
import { keyResult } from './fixtures.ts';

const kr = (id: string, current: number, weight?: number) =>
  keyResult({ id, title: id, current, ...(weight === undefined ? {} : { weight }) });

describe('objective progress', () => {
  it('is the weighted mean of capped key result progress', () => {
    const objective: Objective = { id: 'o', title: 'O', keyResults: [kr('a', 150, 1), kr('b', 40, 3)] };
    // a counts as 100%, not 150%: over-achievement must not hide b's shortfall.
    expect(objectiveProgress(objective)).toBeCloseTo((1 + 3 * 0.4) / 4);
  });

  it('counts each aligned child objective as one weighted unit', () => {
    const child: Objective = { id: 'c', title: 'C', weight: 2, keyResults: [kr('c1', 100), kr('c2', 0)] };
    const parent: Objective = { id: 'p', title: 'P', keyResults: [kr('p1', 20)], children: [child] };
    // Units: p1 at 20% (weight 1) and child at 50% (weight 2).
    expect(objectiveProgress(parent)).toBeCloseTo((0.2 + 2 * 0.5) / 3);
  });

  it('leaves out empty children and reports an empty objective as unmeasured', () => {
    const empty: Objective = { id: 'e', title: 'E', keyResults: [] };
    const parent: Objective = { id: 'p', title: 'P', keyResults: [kr('p1', 60)], children: [empty] };
    expect(objectiveProgress(parent)).toBeCloseTo(0.6);
    expect(objectiveProgressOrNull(empty)).toBeNull();
    expect(objectiveProgress(empty)).toBe(0);
  });

  it('survives an alignment loop', () => {
    const a: { id: string; title: string; keyResults: ReturnType<typeof kr>[]; children: Objective[] } = {
      id: 'a',
      title: 'A',
      keyResults: [kr('a1', 50)],
      children: [],
    };
    a.children.push(a);
    expect(objectiveProgress(a)).toBeCloseTo(0.5);
  });
});

describe('portfolio progress', () => {
  it('weights objectives by their own weight and stays within 0..1', () => {
    const o1: Objective = { id: '1', title: '1', weight: 3, keyResults: [kr('x', 200)] };
    const o2: Objective = { id: '2', title: '2', keyResults: [kr('y', 0)] };
    expect(portfolioProgress([o1, o2])).toBeCloseTo(0.75);
    expect(portfolioProgress([])).toBe(0);
  });
});
