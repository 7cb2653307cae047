/**
 * What every generator family produces, and the only things the evaluation reads. A family owns its
 * trajectories, its owners and its reporting habits; this file only fixes the quarter and the shapes.
 */
import type { Cycle, KeyResult } from '../../src/domain/status/index.ts';

export const WEEKS = 13;
export const DAY = 86_400_000;
export const CYCLE: Cycle = {
  start: new Date('2025-04-07T00:00:00Z'),
  end: new Date('2025-07-07T00:00:00Z'),
};

export function weekStart(n: number): Date {
  return new Date(CYCLE.start.getTime() + n * 7 * DAY);
}

/** One finished key result from an earlier cycle: what its owner said along the way, and how it ended. */
export interface PastOutcome {
  owner: string;
  /** Confidence ratings given during that cycle, oldest first (0–10). */
  confidences: number[];
  /** Attainment at the end of that cycle (1 = target met). */
  final: number;
}

export interface SimulatedKeyResult {
  /** True attainment at the end of the quarter, without measurement noise (never below 0). */
  trueFinal: number;
  owner: string;
  /** The key result as the plan declares it, with its whole quarter of check-ins. */
  keyResult: KeyResult;
}

export interface SimulatedQuarter {
  keyResults: SimulatedKeyResult[];
  /** Earlier, finished cycles of the same workspace (may be empty: a new workspace). */
  history: PastOutcome[];
}

export interface Family {
  name: string;
  /** One line on what the family stands for. */
  about: string;
  generate(seed: number): SimulatedQuarter;
}

/** The key result as it looked at `at`: later check-ins have not happened yet. */
export function snapshot(kr: KeyResult, at: Date): KeyResult {
  return { ...kr, checkIns: (kr.checkIns ?? []).filter((c) => c.at.getTime() <= at.getTime()) };
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function clampConfidence(value: number): number {
  return Math.min(10, Math.max(0, Math.round(value)));
}
