/**
 * A simulated 13-week quarter: key results whose true trajectory we know, observed the way real
 * teams report them — weekly-ish check-ins with measurement noise, the odd typo, skipped weeks
 * (more of them when things go badly) and self-reported confidence that is informative but
 * optimistic and noisy. Trajectories are drawn to be realistic, not to suit the engine.
 */
import { curveAt } from '../../src/domain/status/expected-progress.ts';
import type { CheckIn, Cycle, KeyResult, ProgressCurve } from '../../src/domain/status/index.ts';
import { type Rng, rng } from './seeded-random.ts';

export const WEEKS = 13;
const DAY = 86_400_000;
export const CYCLE: Cycle = {
  start: new Date('2025-04-07T00:00:00Z'),
  end: new Date('2025-07-07T00:00:00Z'),
};

export function weekStart(n: number): Date {
  return new Date(CYCLE.start.getTime() + n * 7 * DAY);
}

export type Archetype = 'steady' | 'slow_start' | 'late_surge' | 'stalled' | 'regressing' | 'early_plateau';

export interface SimulatedKeyResult {
  archetype: Archetype;
  /** True attainment at the end of the quarter, without measurement noise (never below 0). */
  trueFinal: number;
  /** The key result with its whole quarter of check-ins. */
  keyResult: KeyResult;
}

/** How many of each archetype, roughly what a 40-key-result portfolio looks like mid-year. */
const MIX: Record<Archetype, number> = {
  steady: 14,
  slow_start: 4,
  late_surge: 7,
  stalled: 6,
  regressing: 5,
  early_plateau: 4,
};

/** The true attainment path a(week), week 0..13, as a fraction of the target. */
function trajectory(
  archetype: Archetype,
  r: Rng,
): { path: (w: number) => number; declaredCurve: ProgressCurve } {
  switch (archetype) {
    case 'steady': {
      // Mostly straight lines, some a little bent either way, finishing anywhere from 55% to 125%.
      const final = r.uniform(0.55, 1.25);
      const bend = r.uniform(0.85, 1.2);
      return { path: (w) => final * (w / WEEKS) ** bend, declaredCurve: 'linear' };
    }
    case 'slow_start': {
      // The commonest failure: never properly resourced or deprioritised, crawling from day one.
      const final = r.uniform(0.1, 0.6);
      const bend = r.uniform(0.8, 1.5);
      return { path: (w) => final * (w / WEEKS) ** bend, declaredCurve: 'linear' };
    }
    case 'late_surge': {
      // Launches and end-of-quarter deals: little movement, then most of the result late.
      // Most owners know it and declare a back-loaded plan; some do not bother.
      const final = r.uniform(0.8, 1.25);
      const power = r.uniform(1.6, 3.2);
      const declaredCurve: ProgressCurve = r.chance(0.9) ? 'back_loaded' : 'linear';
      return { path: (w) => final * (w / WEEKS) ** power, declaredCurve };
    }
    case 'stalled': {
      // On pace until a blocker, then barely moving. Blockers that hit after week 5 are close to
      // invisible at week 6: the numbers have not had time to show them.
      const pace = r.uniform(0.8, 1.15);
      const stallWeek = r.uniform(1, 5);
      const drift = r.uniform(0, 0.01);
      return {
        path: (w) => pace * (Math.min(w, stallWeek) / WEEKS) + drift * Math.max(0, w - stallWeek),
        declaredCurve: 'linear',
      };
    }
    case 'regressing': {
      // Early gains that erode: a metric that slips back once attention moves elsewhere.
      const pace = r.uniform(0.8, 1.15);
      const peakWeek = r.uniform(2.5, 5);
      const decline = r.uniform(0.02, 0.05);
      return {
        path: (w) => pace * (Math.min(w, peakWeek) / WEEKS) - decline * Math.max(0, w - peakWeek),
        declaredCurve: 'linear',
      };
    }
    case 'early_plateau': {
      // A quick win (a config change, a pricing tweak) that then plateaus short of the target.
      const level = r.uniform(0.5, 0.85);
      const reachWeek = r.uniform(2, 4);
      return { path: (w) => level * Math.min(1, w / reachWeek), declaredCurve: 'linear' };
    }
  }
}

function simulateOne(index: number, archetype: Archetype, r: Rng): SimulatedKeyResult {
  const { path, declaredCurve } = trajectory(archetype, r);
  const lowerIsBetter = r.chance(0.4);
  const start = Math.round(r.uniform(20, 1000));
  const span = start * r.uniform(0.2, 0.8);
  const target = lowerIsBetter ? start - span : start + span;
  const valueAt = (attainment: number) => start + attainment * (target - start);
  const trueFinal = Math.max(0, path(WEEKS));
  const struggling = archetype === 'stalled' || archetype === 'regressing';

  const checkIns: CheckIn[] = [];
  for (let w = 1; w <= WEEKS; w++) {
    // People skip weeks, and skip more when the news is bad.
    if (r.chance(struggling && w > 4 ? 0.25 : 0.1)) continue;
    let value = valueAt(path(w) + r.normal(0, 0.03));
    // The odd typo: a stray or missing zero.
    if (r.chance(0.02)) value *= r.chance(0.5) ? 10 : 0.1;
    // Check-ins land in the last three days before each week boundary.
    const at = new Date(weekStart(w).getTime() - r.uniform(0.1, 3) * DAY);
    checkIns.push(withConfidence({ at, value: round2(value) }, w, path, trueFinal, declaredCurve, r));
  }

  return {
    archetype,
    trueFinal,
    keyResult: {
      id: `kr-${index + 1}`,
      title: `${archetype} #${index + 1}`,
      kind: lowerIsBetter ? 'decrease' : 'increase',
      start,
      target: round2(target),
      current: null,
      curve: declaredCurve,
      checkIns,
    },
  };
}

/**
 * Owners blend what they know about the road ahead (the true outcome, better known as the quarter
 * goes on) with a naive read of the numbers against their plan, add a dash of optimism and noise,
 * and only sometimes bother to rate their confidence at all.
 */
function withConfidence(
  checkIn: CheckIn,
  week: number,
  path: (w: number) => number,
  trueFinal: number,
  curve: ProgressCurve,
  r: Rng,
): CheckIn {
  if (!r.chance(0.75)) return checkIn;
  const knowledge = 0.3 + 0.4 * (week / WEEKS);
  const planned = Math.max(0.05, curveAt(curve, week / WEEKS));
  const naive = Math.min(1.5, Math.max(0, path(week) / planned));
  const belief = knowledge * trueFinal + (1 - knowledge) * naive + 0.1;
  const confidence = Math.min(10, Math.max(1, Math.round(10 * belief - 1.5 + r.normal(0, 1))));
  return { ...checkIn, confidence };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function simulateQuarter(seed: number): SimulatedKeyResult[] {
  const r = rng(seed);
  const plan = (Object.entries(MIX) as [Archetype, number][]).flatMap(([archetype, count]) =>
    Array.from({ length: count }, () => archetype),
  );
  return plan.map((archetype, i) => simulateOne(i, archetype, r));
}

/** The key result as it looked at `at`: later check-ins have not happened yet. */
export function snapshot(kr: KeyResult, at: Date): KeyResult {
  return { ...kr, checkIns: (kr.checkIns ?? []).filter((c) => c.at.getTime() <= at.getTime()) };
}
