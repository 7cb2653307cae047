// Progress for the digest from figures the database can aggregate (the latest value, how many check-ins held a
// limit) instead of every check-in, so a 10,000-key-result digest reads one row per key result. The rules are
// the engine's own (progress.ts and rollup.ts): capped per key result, weighted means up the alignment tree,
// a child objective counting as one more unit, nothing-to-measure left out rather than counted as zero.
import {
  capProgress,
  effectiveWeight,
  isDone,
  type KeyResultKind,
  meetsLimit,
  milestoneShare,
  towardTargetProgress,
  weightedMean,
} from '../status/index.ts';

export interface KeyResultFigures {
  kind: KeyResultKind;
  start: number;
  target: number;
  /** The latest known value (the key result's current value, else its newest check-in), null when none. */
  value: number | null;
  /** Check-ins so far, and how many of them held the limit (stay kinds only). */
  checkIns: number;
  held: number;
  milestones: ReadonlyArray<{ weight: number; done: boolean }>;
}

/** Capped progress 0..1, or null when nothing is measured yet. */
export function progressFromFigures(kr: KeyResultFigures): number | null {
  switch (kr.kind) {
    case 'increase':
    case 'decrease':
      return kr.value === null
        ? null
        : capProgress(towardTargetProgress(kr.kind, kr.start, kr.target, kr.value));
    case 'stay_above':
    case 'stay_below':
      if (kr.checkIns > 0) return capProgress(kr.held / kr.checkIns);
      return kr.value === null ? null : meetsLimit(kr.kind, kr.target, kr.value) ? 1 : 0;
    case 'boolean':
      return kr.value === null ? null : isDone(kr.value) ? 1 : 0;
    case 'milestone':
      return kr.milestones.length === 0
        ? null
        : milestoneShare(kr.milestones.map((m) => ({ title: '', ...m })));
  }
}

export interface RollupObjective {
  id: number;
  parentId: number | null;
}

export interface RollupKeyResult {
  objectiveId: number;
  weight: number;
  /** Capped 0..1; null (not measured) counts as 0, as in the engine. */
  progress: number | null;
}

/**
 * Each objective's progress (null when nothing below it is measured) and the portfolio's: the weighted mean
 * of the top-level objectives (those whose parent is not among `objectives`).
 */
export function rollupProgress(
  objectives: readonly RollupObjective[],
  keyResults: readonly RollupKeyResult[],
): { byObjective: Map<number, number | null>; portfolio: number } {
  const ids = new Set(objectives.map((o) => o.id));
  const children = new Map<number, number[]>();
  for (const o of objectives)
    if (o.parentId !== null && ids.has(o.parentId))
      children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
  const units = new Map<number, Array<{ weight: number; value: number }>>();
  for (const kr of keyResults) {
    if (!ids.has(kr.objectiveId)) continue;
    const list = units.get(kr.objectiveId) ?? [];
    list.push({ weight: effectiveWeight(kr.weight), value: kr.progress ?? 0 });
    units.set(kr.objectiveId, list);
  }
  const byObjective = new Map<number, number | null>();
  const visiting = new Set<number>();
  const progressOf = (id: number): number | null => {
    if (byObjective.has(id)) return byObjective.get(id)!;
    // Alignment comes from people; a loop must not hang the digest.
    if (visiting.has(id)) return null;
    visiting.add(id);
    const own = [...(units.get(id) ?? [])];
    for (const child of children.get(id) ?? []) {
      const value = progressOf(child);
      if (value !== null) own.push({ weight: 1, value });
    }
    visiting.delete(id);
    const value = weightedMean(own);
    byObjective.set(id, value);
    return value;
  };
  const top: Array<{ weight: number; value: number }> = [];
  for (const o of objectives) {
    const value = progressOf(o.id);
    if (value !== null && (o.parentId === null || !ids.has(o.parentId))) top.push({ weight: 1, value });
  }
  return { byObjective, portfolio: weightedMean(top) ?? 0 };
}

/** The value a key result had at each moment: its newest check-in at or before it (history sorted by date). */
export function valuesAt(
  history: ReadonlyArray<{ at: number; value: number }>,
  moments: readonly number[],
): Array<number | null> {
  const values: Array<number | null> = [];
  let i = 0;
  let current: number | null = null;
  for (const moment of moments) {
    while (i < history.length && history[i]!.at <= moment) current = history[i++]!.value;
    values.push(current);
  }
  return values;
}
