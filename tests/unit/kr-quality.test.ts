import { describe, expect, it } from 'vitest';
import { qualityHints } from '../../src/domain/kr-quality.ts';

const NOW = new Date('2026-02-11T10:00:00Z');
const OPEN_CYCLE = { end: '2026-03-31' };
const codes = (hints: ReturnType<typeof qualityHints>) => hints.map((h) => h.code);

describe('qualityHints', () => {
  it('has nothing to say about a measurable, owned key result in a running cycle', () => {
    expect(
      qualityHints({ title: 'Reach 15% market share', kind: 'increase', owner: 'U0BOB' }, OPEN_CYCLE, NOW),
    ).toEqual([]);
  });

  it('flags a yes/no key result whose title names no number', () => {
    const hints = qualityHints(
      { title: 'Launch the pricing page', kind: 'boolean', owner: 7 },
      OPEN_CYCLE,
      NOW,
    );
    expect(codes(hints)).toEqual(['not_measurable']);
    expect(hints[0]?.message).toContain('no measurable target');
  });

  it('accepts a yes/no key result whose title states a figure, and numeric kinds whatever the title', () => {
    expect(
      qualityHints({ title: 'Sign 3 reference customers', kind: 'boolean', owner: 7 }, OPEN_CYCLE, NOW),
    ).toEqual([]);
    expect(qualityHints({ title: 'Grow revenue', kind: 'increase', owner: 7 }, OPEN_CYCLE, NOW)).toEqual([]);
    expect(qualityHints({ title: 'Ship it', kind: 'milestone', owner: 7 }, OPEN_CYCLE, NOW)).toEqual([]);
  });

  it('flags a missing owner, whatever form "nobody" takes', () => {
    for (const owner of [null, undefined, '']) {
      expect(codes(qualityHints({ title: 'Reach 15%', kind: 'increase', owner }, OPEN_CYCLE, NOW))).toEqual([
        'no_owner',
      ]);
    }
  });

  it('flags a cycle that ended before today, but not one ending today (a cycle includes its last day)', () => {
    const kr = { title: 'Reach 15%', kind: 'increase', owner: 'U0BOB' };
    expect(codes(qualityHints(kr, { end: '2026-02-10' }, NOW))).toEqual(['cycle_ended']);
    expect(qualityHints(kr, { end: '2026-02-10' }, NOW)[0]?.message).toContain('2026-02-10');
    expect(qualityHints(kr, { end: '2026-02-11' }, NOW)).toEqual([]);
    expect(qualityHints(kr, undefined, NOW)).toEqual([]);
  });

  it('names every problem at once, in a stable order', () => {
    const hints = qualityHints({ title: 'Launch', kind: 'boolean', owner: null }, { end: '2025-12-31' }, NOW);
    expect(codes(hints)).toEqual(['not_measurable', 'no_owner', 'cycle_ended']);
  });
});
