import { isWorse } from './status-level.ts';
import type { StatusLevel } from './types.ts';

export type FlagKind = 'worsened' | 'breach' | 'improved' | 'unchanged';
export type FlagSubject = 'key_result' | 'objective' | 'kpi';

export interface FlagDecision {
  /** True when leaders should be told now. */
  flag: boolean;
  /** improved is never flagged but belongs in the digest's "good news" section. */
  kind: FlagKind;
}

/**
 * Whether a status change deserves a flag. Only transitions flag, so an item that stays off track
 * is flagged once, not every evaluation; the caller stores the status it last recorded and passes
 * it as `previous`. With no previous record the item is compared with on track, so an item first
 * seen at risk or off track is flagged and one first seen on track is not.
 * A KPI falling into red is a 'breach'; every other worsening is 'worsened'.
 */
export function decideFlag(
  previous: StatusLevel | null | undefined,
  next: StatusLevel,
  subject: FlagSubject = 'key_result',
): FlagDecision {
  const before = previous ?? 'on_track';
  if (isWorse(next, before)) {
    return { flag: true, kind: subject === 'kpi' && next === 'off_track' ? 'breach' : 'worsened' };
  }
  if (isWorse(before, next)) return { flag: false, kind: 'improved' };
  return { flag: false, kind: 'unchanged' };
}
