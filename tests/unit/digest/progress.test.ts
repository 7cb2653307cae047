import { describe, expect, it } from 'vitest';
import { progressFromFigures, rollupProgress, valuesAt } from '../../../src/domain/digest/index.ts';
import {
  type KeyResult,
  keyResultProgress,
  type Objective,
  portfolioProgress,
} from '../../../src/domain/status/index.ts';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** What the digest's query aggregates for a key result: latest value, counts and milestones. */
function figuresOf(kr: KeyResult): Parameters<typeof progressFromFigures>[0] {
  const checkIns = kr.checkIns ?? [];
  return {
    kind: kr.kind,
    start: kr.start,
    target: kr.target,
    value: checkIns.at(-1)?.value ?? null,
    checkIns: checkIns.length,
    held: checkIns.filter((c) => (kr.kind === 'stay_above' ? c.value >= kr.target : c.value <= kr.target))
      .length,
    milestones: kr.milestones ?? [],
  };
}

const KINDS = ['increase', 'decrease', 'stay_above', 'stay_below', 'boolean', 'milestone'] as const;

describe('digest progress from aggregated figures', () => {
  it('agrees with the engine for every kind of key result and any alignment tree', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = random(seed);
      const objectives = Array.from({ length: 12 }, (_, i) => ({
        id: i + 1,
        parentId: i < 3 ? null : 1 + Math.floor(rand() * Math.min(i, 3)),
      }));
      const keyResults = Array.from({ length: 30 }, (_, k) => {
        const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
        const checkIns = Array.from({ length: Math.floor(rand() * 5) }, (_, c) => ({
          at: new Date(Date.UTC(2026, 0, 2 + c * 7)),
          value: Math.round(rand() * 120),
        }));
        const kr: KeyResult = {
          id: `KR-${k}`,
          title: '',
          kind,
          start: kind === 'decrease' ? 100 : 0,
          target: kind === 'decrease' ? 20 : kind === 'boolean' ? 1 : 80,
          current: null,
          weight: 1 + Math.floor(rand() * 3),
          milestones:
            kind === 'milestone'
              ? [
                  { title: 'a', weight: 1, done: rand() > 0.5 },
                  { title: 'b', weight: 2, done: false },
                ]
              : [],
          checkIns,
        };
        return { kr, objectiveId: 1 + Math.floor(rand() * 12) };
      });
      const ours = rollupProgress(
        objectives,
        keyResults.map(({ kr, objectiveId }) => ({
          objectiveId,
          weight: kr.weight!,
          progress: progressFromFigures(figuresOf(kr)),
        })),
      );
      const build = (id: number): Objective => ({
        id: `O-${id}`,
        title: '',
        keyResults: keyResults.filter((k) => k.objectiveId === id).map((k) => k.kr),
        children: objectives.filter((o) => o.parentId === id).map((o) => build(o.id)),
      });
      const roots = objectives.filter((o) => o.parentId === null).map((o) => build(o.id));
      expect(ours.portfolio).toBeCloseTo(portfolioProgress(roots), 10);
      for (const { kr } of keyResults) {
        const engine = keyResultProgress(kr);
        const figure = progressFromFigures(figuresOf(kr));
        expect(figure ?? 0).toBeCloseTo(engine.capped, 10);
        expect(figure === null).toBe(!engine.measured);
      }
    }
  });

  it('reads the value a key result had at each week end', () => {
    const history = [
      { at: 10, value: 1 },
      { at: 20, value: 2 },
      { at: 35, value: 3 },
    ];
    expect(valuesAt(history, [5, 10, 25, 40])).toEqual([null, 1, 2, 3]);
  });

  it('does not hang on an alignment loop', () => {
    const result = rollupProgress(
      [
        { id: 1, parentId: 2 },
        { id: 2, parentId: 1 },
      ],
      [{ objectiveId: 1, weight: 1, progress: 0.5 }],
    );
    expect(result.byObjective.get(1)).toBe(0.5);
  });
});
