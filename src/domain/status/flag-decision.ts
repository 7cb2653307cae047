import { isWorse } from './status-level.ts';
import type { StatusLevel } from './types.ts';

export type FlagKind = 'worsened' | 'breach' | 'improved' | 'unchanged' | 'grace';
export type FlagSubject = 'key_result' | 'objective' | 'kpi';

export interface FlagDecision {
  /** True when leaders should be told now. */
  flag: boolean;
  /**
   * improved is never flagged but belongs in the digest's "good news" section; grace is a worsening
   * of an item still in its grace period, recorded without a flag.
   */
  kind: FlagKind;
}

/**
 * Whether a status change deserves a flag. Only transitions flag, so an item that stays off track
 * is flagged once, not every evaluation; the caller stores the status it last recorded and passes
 * it as `previous`. With no previous record the item is compared with on track, so an item first
 * seen at risk or off track is flagged and one first seen on track is not.
 * A KPI falling into red is a 'breach'; every other worsening is 'worsened'.
 * An item in its grace period (see inGracePeriod) is never flagged: what it looks like in its first
 * days says more about how it was set up than about how it is going.
 */
export function decideFlag(
  previous: StatusLevel | null | undefined,
  next: StatusLevel,
  subject: FlagSubject = 'key_result',
  inGrace = false,
): FlagDecision {
  const before = previous ?? 'on_track';
  if (isWorse(next, before)) {
    if (inGrace) return { flag: false, kind: 'grace' };
    return { flag: true, kind: subject === 'kpi' && next === 'off_track' ? 'breach' : 'worsened' };
  }
  if (isWorse(before, next)) return { flag: false, kind: 'improved' };
  return { flag: false, kind: 'unchanged' };
}

/**
 * True while an item is younger than the grace period (one check-in period by default): its owner
 * has not yet had a chance to check in. A creation time after `now` is unknown and gives no grace.
 */
export function inGracePeriod(createdAt: Date | null | undefined, now: Date, graceMs: number): boolean {
  if (!createdAt) return false;
  const age = now.getTime() - createdAt.getTime();
  return age >= 0 && age < graceMs;
}

/**
 * The key of one flag: the item, the status it reached and when it reached it. An item that
 * recovers and relapses within the same week reaches the status again at a new moment, so the
 * relapse is a new flag; while it stays in that status the key stays the same, so it is flagged once.
 */
export function flagEpisodeKey(type: FlagSubject, id: number, status: StatusLevel, since: Date): string {
  return `flag:${type}:${id}:${status}:${since.toISOString()}`;
}
