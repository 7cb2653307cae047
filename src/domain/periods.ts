// Check-in periods. A weekly period is an ISO week ("2026-W07"), a monthly one a calendar month ("2026-02").
// The period of a moment depends on where the person is, so it takes a time zone.
import { DateTime } from 'luxon';

export type Cadence = 'weekly' | 'monthly';

export function periodOf(at: Date, cadence: Cadence = 'weekly', timeZone = 'UTC'): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) return periodOf(at, cadence, 'UTC');
  if (cadence === 'monthly') return local.toFormat('yyyy-LL');
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

/** The period a calendar date (YYYY-MM-DD, no time zone) falls in. */
export function periodOfDate(isoDate: string, cadence: Cadence = 'weekly'): string {
  return periodOf(new Date(`${isoDate}T12:00:00Z`), cadence, 'UTC');
}

/** The calendar date a person is living at a moment, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone = 'UTC'): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' })).toISODate()!;
}

export function isValidTimeZone(timeZone: string): boolean {
  return DateTime.local().setZone(timeZone).isValid;
}
