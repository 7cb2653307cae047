import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignmentLoop, isForest, type ParentLinks, withLink } from '../../src/domain/alignment.ts';

const links = (pairs: Array<[number, number | null]>): ParentLinks => new Map(pairs);

describe('alignmentLoop', () => {
  // 1 ← 3 ← 5 reads: 5 is top-level, 3 sits under 5, 1 sits under 3.
  const chain = links([
    [5, null],
    [3, 5],
    [1, 3],
    [7, null],
  ]);

  it('gives the path from the proposed parent up to the child when the link would close a loop', () => {
    expect(alignmentLoop(chain, 5, 1)).toEqual([1, 3, 5]);
    expect(alignmentLoop(chain, 3, 1)).toEqual([1, 3]);
  });

  it('refuses aligning an objective under itself', () => {
    expect(alignmentLoop(chain, 7, 7)).toEqual([7]);
  });

  it('accepts links that keep the tree a tree', () => {
    expect(alignmentLoop(chain, 1, 5)).toBeUndefined();
    expect(alignmentLoop(chain, 7, 1)).toBeUndefined();
    expect(alignmentLoop(chain, 5, 7)).toBeUndefined();
  });

  it('accepts a parent the links do not know (a new objective has no descendants)', () => {
    expect(alignmentLoop(chain, 9, 1)).toBeUndefined();
  });

  it('ends even when stored links already hold a loop elsewhere', () => {
    const broken = links([
      [1, 2],
      [2, 1],
      [3, null],
    ]);
    expect(alignmentLoop(broken, 3, 1)).toBeUndefined();
    expect(isForest(broken)).toBe(false);
  });
});

/** A random forest: each objective's parent is an earlier one or none, so it starts loop-free. */
const forest = fc
  .integer({ min: 1, max: 25 })
  .chain((size) =>
    fc
      .array(fc.option(fc.nat(), { nil: null }), { minLength: size, maxLength: size })
      .map(
        (choices) =>
          new Map(
            choices.map((choice, i): [number, number | null] => [
              i,
              choice === null || i === 0 ? null : choice % i,
            ]),
          ),
      ),
  );

/** A forest plus a sequence of proposed links between its objectives, applied only when accepted. */
const scenario = forest.chain((start) =>
  fc.record({
    start: fc.constant(start),
    links: fc.array(
      fc.tuple(fc.nat({ max: start.size - 1 }), fc.option(fc.nat({ max: start.size - 1 }), { nil: null })),
      {
        maxLength: 40,
      },
    ),
  }),
);

describe('alignment properties', () => {
  it('an accepted link never creates a cycle, however many links are made in a row', () => {
    fc.assert(
      fc.property(scenario, ({ start, links: proposed }) => {
        let current: ParentLinks = start;
        for (const [child, parent] of proposed) {
          if (parent !== null && alignmentLoop(current, child, parent)) continue;
          current = withLink(current, child, parent);
          expect(isForest(current)).toBe(true);
        }
      }),
    );
  });

  it('a refused link really would have created a cycle, and its path climbs real parent links', () => {
    fc.assert(
      fc.property(scenario, ({ start, links: proposed }) => {
        let current: ParentLinks = start;
        for (const [child, parent] of proposed) {
          if (parent === null) continue;
          const loop = alignmentLoop(current, child, parent);
          if (!loop) {
            current = withLink(current, child, parent);
            continue;
          }
          expect(isForest(withLink(current, child, parent))).toBe(false);
          expect(loop[0]).toBe(parent);
          expect(loop.at(-1)).toBe(child);
          for (let i = 0; i + 1 < loop.length; i++) expect(current.get(loop[i]!)).toBe(loop[i + 1]);
        }
      }),
    );
  });

  it('making an objective top-level is always accepted and keeps a forest', () => {
    fc.assert(
      fc.property(forest, fc.nat(), (start, pick) => {
        const child = pick % start.size;
        expect(isForest(withLink(start, child, null))).toBe(true);
      }),
    );
  });
});
