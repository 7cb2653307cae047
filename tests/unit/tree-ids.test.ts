import { describe, expect, it } from 'vitest';
import { treeIds } from '../../src/services/portfolio-status.ts';

const rows = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 2 },
  { id: 4, parentId: 1 },
  { id: 5, parentId: null },
  { id: 6, parentId: 5 },
  { id: 7, parentId: 99 },
];

describe('the alignment tree a check-in can affect', () => {
  it('is the top-level ancestor and everything below it, nothing else', () => {
    expect(treeIds(rows, 3).sort()).toEqual([1, 2, 3, 4]);
    expect(treeIds(rows, 6).sort()).toEqual([5, 6]);
  });

  it('treats a parent outside the cycle as no parent, and survives a loop', () => {
    expect(treeIds(rows, 7)).toEqual([7]);
    expect(
      treeIds(
        [
          { id: 1, parentId: 2 },
          { id: 2, parentId: 1 },
        ],
        1,
      ).sort(),
    ).toEqual([1, 2]);
  });
});
