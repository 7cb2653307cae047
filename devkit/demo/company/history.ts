// The plan file Fernhill's PMO imports, with or without the five weeks of check-ins and KPI readings the
// teams kept before the demo week (drawn from the seed around each item's real pace).
import { expectedProgress } from '../../../src/domain/status/expected-progress.ts';
import type { Rng } from '../../random.ts';
import { KPIS, RISKS } from './kpis-risks.ts';
import { CYCLE, type DemoKeyResult, OBJECTIVES, TEAMS } from './plan.ts';

/** Wednesdays of ISO weeks 2 to 6 of 2026: the weeks before the demo week (week 7). */
export const HISTORY_WEEKS = ['2026-01-07', '2026-01-14', '2026-01-21', '2026-01-28', '2026-02-04'];
const KPI_WEEKS = ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02'];
const COMMENTS = [
  'Steady week.',
  'Two deals moved to next week.',
  'Better than expected after the campaign.',
  'Holidays slowed us a little.',
  'New hire ramping up.',
  'On plan.',
];
const CYCLE_DATES = { start: new Date(`${CYCLE.start}T00:00:00Z`), end: new Date(`${CYCLE.end}T23:59:59Z`) };

export function planDocument(random: Rng | undefined): Record<string, unknown> {
  return {
    cycle: CYCLE,
    teams: TEAMS,
    objectives: OBJECTIVES.map((o) => ({
      ref: o.ref,
      title: o.title,
      level: o.level,
      ...(o.team ? { team: o.team } : {}),
      owner: o.owner,
      ...(o.parent ? { parent: o.parent } : {}),
      key_results: o.keyResults.map((kr) => keyResultEntry(kr, random)),
    })),
    kpis: KPIS.map(({ level, ...kpi }) => ({
      ...kpi,
      cadence: 'weekly',
      ...(random
        ? { readings: KPI_WEEKS.map((date) => ({ date, value: round(level * random.uniform(0.97, 1.03)) })) }
        : {}),
    })),
    risks: RISKS,
  };
}

/** A reading near the KPI's usual level: within 2%, or within half the room left below 100 for a percentage. */
export function kpiReading(kpi: { unit?: string }, level: number, random: Rng): number {
  const spread = kpi.unit === '%' ? Math.min(level * 0.02, (100 - level) / 2) : level * 0.02;
  return round(level + spread * random.uniform(-1, 1), 1);
}

function keyResultEntry(kr: DemoKeyResult, random: Rng | undefined): Record<string, unknown> {
  const { pace, milestones, ...rest } = kr;
  const weeksDone = random ? HISTORY_WEEKS.length : 0;
  const done = milestones ? milestonesDoneAfter(weeksDone, milestones.length, pace) : 0;
  return {
    ...rest,
    ...(milestones
      ? { milestones: milestones.map((title, i) => ({ title, ...(i < done ? { done: true } : {}) })) }
      : {}),
    ...(random ? { check_ins: HISTORY_WEEKS.map((date, week) => checkIn(kr, date, week, random)) } : {}),
  };
}

/** A third of the milestones by week 4 on plan; fewer when behind. */
const milestonesDoneAfter = (weeks: number, count: number, pace: number) =>
  Math.min(count, Math.floor(((weeks + 1) / 12) * count * pace + 0.2));

function checkIn(kr: DemoKeyResult, date: string, week: number, random: Rng): Record<string, unknown> {
  const expected = expectedProgress(CYCLE_DATES, new Date(`${date}T12:00:00Z`), kr.curve ?? 'linear');
  const confidence = confidenceOf(kr, random);
  const comment = random.next() < 0.4 ? { comment: random.pick(COMMENTS) } : {};
  return { date, value: valueAt(kr, expected, week, random), confidence, ...comment };
}

/** Owners on pace are fairly sure (7 to 9 out of 10); those behind less so. */
export const confidenceOf = (kr: DemoKeyResult, random: Rng) =>
  kr.pace >= 0.95 ? random.int(7, 9) : random.int(5, 7);

/** What the owner reported: on the plan's curve times the key result's pace, with a little noise. */
export function valueAt(kr: DemoKeyResult, expected: number, week: number, random: Rng): number {
  switch (kr.kind) {
    case 'boolean':
      return kr.pace >= 1 && week >= 2 ? 1 : 0;
    case 'milestone': {
      const count = kr.milestones?.length ?? 1;
      return milestonesDoneAfter(week + 1, count, kr.pace) / count;
    }
    case 'stay_above': {
      // Comfortably above, and never past 100 for a percentage.
      const room =
        kr.unit === '%' ? Math.min(kr.target! * 0.05, (100 - kr.target!) * 0.8) : kr.target! * 0.05;
      return round(kr.target! + room * random.uniform(0.3, 1), kr.target! > 99 ? 2 : 1);
    }
    case 'stay_below':
      return round(kr.target! * random.uniform(0.7, 0.92), kr.target! < 10 ? 2 : 0);
    default: {
      const start = kr.start ?? 0;
      const share = expected * kr.pace * random.uniform(0.96, 1.06);
      return round(start + (kr.target! - start) * share);
    }
  }
}

function round(value: number, digits = 0): number {
  const scale = Math.abs(value) >= 1000 ? 1 : 10 ** digits;
  return Math.round(value * scale) / scale;
}
