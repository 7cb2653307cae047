import { effectiveWeight, keyResultProgress } from './progress.ts';
import type { Objective } from './types.ts';

export interface WeightedUnit {
  weight: number;
  value: number;
}

/** Weighted mean, or null when there is nothing to average. */
export function weightedMean(units: readonly WeightedUnit[]): number | null {
  let total = 0;
  let sum = 0;
  for (const unit of units) {
    total += unit.weight;
    sum += unit.weight * unit.value;
  }
  return total > 0 ? sum / total : null;
}

/**
 * An objective's progress, 0..1: the weighted mean of its key results' capped progress, where each
 * aligned child objective counts as one more unit carrying the child's own weight (default 1).
 * A child with nothing to measure (no key results anywhere below it) is left out rather than
 * counted as 0%, because an empty draft says nothing about how the parent is doing.
 * Returns null when the objective has nothing to measure.
 */
export function objectiveProgressOrNull(objective: Objective, asOf?: Date): number | null {
  return progressOf(objective, asOf, new Set());
}

/** As objectiveProgressOrNull, with "nothing to measure" reported as 0. */
export function objectiveProgress(objective: Objective, asOf?: Date): number {
  return objectiveProgressOrNull(objective, asOf) ?? 0;
}

/**
 * Progress across the objectives in scope (a team, a cycle, the company), 0..1, weighting each by
 * its own weight. Pass each objective once: a child passed next to its parent would count twice.
 */
export function portfolioProgress(objectives: readonly Objective[], asOf?: Date): number {
  const units: WeightedUnit[] = [];
  for (const objective of objectives) {
    const value = objectiveProgressOrNull(objective, asOf);
    if (value !== null) units.push({ weight: effectiveWeight(objective.weight), value });
  }
  return weightedMean(units) ?? 0;
}

function progressOf(objective: Objective, asOf: Date | undefined, visiting: Set<Objective>): number | null {
  // Alignment data comes from people; a loop must not hang the digest.
  if (visiting.has(objective)) return null;
  visiting.add(objective);
  const units: WeightedUnit[] = objective.keyResults.map((kr) => ({
    weight: effectiveWeight(kr.weight),
    value: keyResultProgress(kr, asOf).capped,
  }));
  for (const child of objective.children ?? []) {
    const value = progressOf(child, asOf, visiting);
    if (value !== null) units.push({ weight: effectiveWeight(child.weight), value });
  }
  visiting.delete(objective);
  return weightedMean(units);
}
