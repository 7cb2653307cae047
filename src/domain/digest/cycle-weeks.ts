// A cycle as weeks counted from its first day: "week 6 of 13" and the moments each week ends.
const WEEK_MS = 7 * 86_400_000;

/** How many weeks the cycle spans (a partial last week counts), at least 1. `end` is exclusive. */
export function cycleWeekCount(cycle: { start: Date; end: Date }): number {
  const span = cycle.end.getTime() - cycle.start.getTime();
  return Math.max(1, Math.ceil(span / WEEK_MS));
}

/** 1-based week of the cycle `at` falls in, clamped to the cycle. */
export function cycleWeekOf(cycle: { start: Date; end: Date }, at: Date): number {
  const week = Math.floor((at.getTime() - cycle.start.getTime()) / WEEK_MS) + 1;
  return Math.min(cycleWeekCount(cycle), Math.max(1, week));
}

/** The moment each cycle week ends (the cycle's end for a partial last week). */
export function cycleWeekEnds(cycle: { start: Date; end: Date }): Date[] {
  return Array.from(
    { length: cycleWeekCount(cycle) },
    (_, i) => new Date(Math.min(cycle.end.getTime(), cycle.start.getTime() + (i + 1) * WEEK_MS)),
  );
}
