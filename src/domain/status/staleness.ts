import type { StatusSettings } from './settings.ts';
import { cycleBounds, MS_PER_DAY, usableHistory } from './time.ts';
import type { CheckIn, Cycle, StatusLevel } from './types.ts';

export interface Staleness {
  /** Newest check-in inside the cycle, up to the evaluation moment. */
  lastCheckInAt: Date | null;
  /** Time without a check-in, counted from the last check-in or, failing that, the cycle start. */
  silentMs: number;
  /** Whole check-in periods in silentMs. */
  missedPeriods: number;
  neverCheckedIn: boolean;
  /** What staleness alone says about the key result. */
  status: StatusLevel;
}

/**
 * How long a key result has gone without a check-in. Silence is measured up to the cycle end at
 * most: once a cycle is over nobody is expected to keep checking in, so the verdict freezes there.
 * Check-ins before the cycle started do not count, so a key result with no check-in since the
 * cycle began is stale as soon as one whole period has gone by. A key result created after the cycle
 * began (`createdAt`, when known and not after `now`) is silent only from its creation: nobody could
 * check in on it before it existed.
 */
export function keyResultStaleness(
  checkIns: readonly CheckIn[] | undefined,
  cycle: Cycle,
  now: Date,
  settings: StatusSettings,
  createdAt?: Date,
): Staleness {
  const { startMs, endMs } = cycleBounds(cycle);
  const created =
    createdAt && createdAt.getTime() <= now.getTime() ? createdAt.getTime() : Number.NEGATIVE_INFINITY;
  // Silence starts at the cycle start, or at the key result's creation if that came later.
  const silentFromMs = Math.min(Math.max(startMs, created), endMs);
  const referenceMs = Math.min(now.getTime(), endMs);
  const periodMs = Math.max(1, settings.checkInPeriodDays) * MS_PER_DAY;
  const inCycle = usableHistory(checkIns).filter((c) => {
    const at = c.at.getTime();
    return at >= startMs && at <= referenceMs;
  });
  const last = inCycle.at(-1)?.at ?? null;
  const silentMs = Math.max(0, referenceMs - Math.max(last ? last.getTime() : startMs, silentFromMs));
  const missedPeriods = Math.floor(silentMs / periodMs);

  let status: StatusLevel = 'on_track';
  if (missedPeriods >= settings.staleOffTrackPeriods) status = 'off_track';
  else if (missedPeriods >= settings.staleAtRiskPeriods) status = 'at_risk';
  else if (last === null && silentMs > periodMs) status = 'at_risk';

  return { lastCheckInAt: last, silentMs, missedPeriods, neverCheckedIn: last === null, status };
}
