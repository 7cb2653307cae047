import { describe, expect, it } from 'vitest';
import { settleShape } from '../../../src/services/key-results.ts';

const shape = (
  kind: Parameters<typeof settleShape>[0]['kind'],
  start?: number,
  target?: number,
  milestones?: { title: string; weight: number }[],
) => settleShape({ kind, start, target, milestones });

describe('settleShape', () => {
  it('needs a start and a target that move in the direction of the kind', () => {
    expect(shape('increase', 8, 15)).toEqual({ ok: true, start: 8, target: 15, milestones: [] });
    expect(shape('decrease', 5, 3)).toEqual({ ok: true, start: 5, target: 3, milestones: [] });
    expect(shape('increase', 15, 8)).toMatchObject({
      ok: false,
      errors: { target: expect.stringContaining('use --kind decrease') },
    });
    expect(shape('decrease', 3, 5)).toMatchObject({
      ok: false,
      errors: { target: expect.stringContaining('use --kind increase') },
    });
    expect(shape('increase', 8, 8)).toEqual({
      ok: false,
      errors: { target: 'The target equals the start: a key result has to move from one to the other.' },
    });
    expect(shape('increase')).toMatchObject({
      ok: false,
      errors: { start: expect.any(String), target: expect.any(String) },
    });
  });

  it('takes the threshold as the start of stay_above / stay_below when no start is given', () => {
    expect(shape('stay_above', undefined, 99.5)).toEqual({
      ok: true,
      start: 99.5,
      target: 99.5,
      milestones: [],
    });
    expect(shape('stay_below', 2, 1)).toEqual({ ok: true, start: 2, target: 1, milestones: [] });
    expect(shape('stay_below', 2)).toMatchObject({
      ok: false,
      errors: { target: expect.stringContaining('stay below') },
    });
  });

  it('stores yes/no key results as 0 to 1 and refuses other numbers for them', () => {
    expect(shape('boolean')).toEqual({ ok: true, start: 0, target: 1, milestones: [] });
    expect(shape('boolean', 0, 1)).toEqual({ ok: true, start: 0, target: 1, milestones: [] });
    expect(shape('boolean', 3, 10)).toMatchObject({
      ok: false,
      errors: { start: expect.any(String), target: expect.any(String) },
    });
  });

  it('needs milestones for the milestone kind, and only there', () => {
    const items = [{ title: 'Design', weight: 1 }];
    expect(shape('milestone', undefined, undefined, items)).toEqual({
      ok: true,
      start: 0,
      target: 1,
      milestones: items,
    });
    expect(shape('milestone')).toMatchObject({
      ok: false,
      errors: { milestones: expect.stringContaining('List the milestones') },
    });
    expect(shape('increase', 1, 2, items)).toMatchObject({
      ok: false,
      errors: { milestones: expect.any(String) },
    });
  });
});
