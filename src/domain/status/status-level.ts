import type { StatusLevel } from './types.ts';

/** Best first: the index is the severity, so comparisons are plain number comparisons. */
export const STATUS_LEVELS: readonly StatusLevel[] = ['on_track', 'at_risk', 'off_track'];

/** A status read back from the database (ItemStatus, outbox payloads); null for anything else. */
export function parseStatusLevel(value: string | null | undefined): StatusLevel | null {
  return STATUS_LEVELS.find((level) => level === value) ?? null;
}

export function severity(status: StatusLevel): number {
  return STATUS_LEVELS.indexOf(status);
}

/** True when `a` is strictly worse than `b`. */
export function isWorse(a: StatusLevel, b: StatusLevel): boolean {
  return severity(a) > severity(b);
}

/** The worse of two statuses. */
export function worse(a: StatusLevel, b: StatusLevel): StatusLevel {
  return isWorse(b, a) ? b : a;
}

/** The better of two statuses. */
export function better(a: StatusLevel, b: StatusLevel): StatusLevel {
  return isWorse(a, b) ? b : a;
}

/** The worst status in a list; an empty list is on track because nothing argues otherwise. */
export function worstOf(statuses: Iterable<StatusLevel>): StatusLevel {
  let result: StatusLevel = 'on_track';
  for (const status of statuses) result = worse(result, status);
  return result;
}

/** Sort comparator putting the worst status first. */
export function compareWorstFirst(a: StatusLevel, b: StatusLevel): number {
  return severity(b) - severity(a);
}

const LABELS: Record<StatusLevel, string> = {
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
};

export function statusLabel(status: StatusLevel): string {
  return LABELS[status];
}
