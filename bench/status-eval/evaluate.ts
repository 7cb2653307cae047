/**
 * Recall, false alarms and forecast error of each judge on one family, at one week.
 * - recall: share of key results that end below 70% of target that are flagged (not on track);
 * - false alarms: share of key results that end at or above target that are flagged;
 * - forecast MAE: mean |forecast − true final attainment| in points (both capped at 200%).
 * A family with no failing (or no finishing) key results reports n/a for that figure.
 */
import type { Family } from './model.ts';
import { snapshot, weekStart } from './model.ts';
import type { Judge } from './rules.ts';

export interface Tally {
  failing: number;
  caught: number;
  finishing: number;
  falseAlarms: number;
  count: number;
  absError: number;
}

export const emptyTally = (): Tally => ({
  failing: 0,
  caught: 0,
  finishing: 0,
  falseAlarms: 0,
  count: 0,
  absError: 0,
});

export function addTally(a: Tally, b: Tally): Tally {
  return {
    failing: a.failing + b.failing,
    caught: a.caught + b.caught,
    finishing: a.finishing + b.finishing,
    falseAlarms: a.falseAlarms + b.falseAlarms,
    count: a.count + b.count,
    absError: a.absError + b.absError,
  };
}

/** Counts one judgement of a key result that truly ended at `trueFinal`. */
export function record(t: Tally, trueFinal: number, flagged: boolean, forecast: number): void {
  t.count++;
  t.absError += Math.abs(Math.min(2, forecast) - Math.min(2, trueFinal));
  if (trueFinal < 0.7) {
    t.failing++;
    if (flagged) t.caught++;
  } else if (trueFinal >= 1) {
    t.finishing++;
    if (flagged) t.falseAlarms++;
  }
}

/** Tallies indexed [week][judge], over all the given seeds of one family. */
export function evaluateFamily(
  family: Family,
  seeds: readonly number[],
  weeks: readonly number[],
  judges: readonly Judge[],
): Tally[][] {
  const tallies = weeks.map(() => judges.map(emptyTally));
  for (const seed of seeds) {
    const quarter = family.generate(seed);
    weeks.forEach((week, wi) => {
      const now = weekStart(week);
      for (const sim of quarter.keyResults) {
        const seen = snapshot(sim.keyResult, now);
        judges.forEach((judge, ji) => {
          const { flagged, forecast } = judge.judge(seen, now, sim.owner, quarter.history);
          const t = tallies[wi]?.[ji];
          if (t) record(t, sim.trueFinal, flagged, forecast);
        });
      }
    });
  }
  return tallies;
}

export function figures(t: Tally): { recall: number | null; falseAlarms: number | null; mae: number | null } {
  return {
    recall: t.failing > 0 ? t.caught / t.failing : null,
    falseAlarms: t.finishing > 0 ? t.falseAlarms / t.finishing : null,
    mae: t.count > 0 ? (100 * t.absError) / t.count : null,
  };
}
