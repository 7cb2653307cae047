// When a digest is due and which period it belongs to. A weekly digest's period is the ISO week of its
// scheduled moment in its time zone ("2026-W07"); a biweekly one belongs to the even-numbered week that
// starts each pair ("2026-W06/2"), so "once per period" means once per two weeks. A digest missed while Okra
// was down goes out at the next tick in the same period, never twice.
import { DateTime } from 'luxon';

export type DigestCadence = 'weekly' | 'biweekly';
export const DIGEST_CADENCES: readonly DigestCadence[] = ['weekly', 'biweekly'];

export interface DigestSchedule {
  cadence: DigestCadence;
  /** 1 = Monday .. 7 = Sunday (ISO). */
  dayOfWeek: number;
  /** HH:MM */
  localTime: string;
  timeZone: string;
}

export const DEFAULT_DIGEST_DAY = 5;
export const DEFAULT_DIGEST_TIME = '16:00';

export const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** "fri", "Friday", "5" → 5; undefined for anything else. */
export function parseDay(text: string): number | undefined {
  const word = text.trim().toLowerCase();
  if (/^[1-7]$/.test(word)) return Number(word);
  if (word.length < 3) return undefined;
  const index = DAY_NAMES.findIndex((day) => day.startsWith(word));
  return index === -1 ? undefined : index + 1;
}

/** "16:00", "9:30", "4pm", "4:30 pm" → "HH:MM"; undefined for anything else. */
export function parseTime(text: string): string | undefined {
  const match = /^\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*$/i.exec(text);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (match[2] === undefined) return undefined;
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export function dayName(day: number): string {
  const name = DAY_NAMES[day - 1] ?? 'friday';
  return name[0]!.toUpperCase() + name.slice(1);
}

function localNow(schedule: DigestSchedule, at: Date): DateTime {
  const local = DateTime.fromJSDate(at, { zone: schedule.timeZone });
  return local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' });
}

/** Monday of the period's first week, in the schedule's zone. */
function periodStart(schedule: DigestSchedule, at: Date): DateTime {
  const monday = localNow(schedule, at).startOf('week');
  if (schedule.cadence === 'weekly') return monday;
  // Pairs of weeks counted from a fixed Monday so every instance agrees on where a pair starts.
  const weeks = Math.floor(
    monday.diff(DateTime.fromISO('2024-01-01', { zone: monday.zone }), 'weeks').weeks + 0.5,
  );
  return weeks % 2 === 0 ? monday : monday.minus({ weeks: 1 });
}

export function digestPeriod(schedule: DigestSchedule, at: Date): string {
  const start = periodStart(schedule, at);
  const week = `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`;
  return schedule.cadence === 'weekly' ? week : `${week}/2`;
}

/** The moment this period's digest is scheduled for. */
export function scheduledMoment(schedule: DigestSchedule, at: Date): Date {
  const [hour, minute] = schedule.localTime.split(':').map(Number);
  return periodStart(schedule, at)
    .plus({ days: Math.min(7, Math.max(1, schedule.dayOfWeek)) - 1 })
    .set({ hour: hour ?? 16, minute: minute ?? 0, second: 0, millisecond: 0 })
    .toJSDate();
}

/** Due from its scheduled moment until the period ends; the caller checks it was not posted already. */
export function isDigestDue(schedule: DigestSchedule, at: Date): boolean {
  return at.getTime() >= scheduledMoment(schedule, at).getTime();
}

export function describeSchedule(schedule: DigestSchedule): string {
  const every = schedule.cadence === 'weekly' ? 'every' : 'every other';
  return `${every} ${dayName(schedule.dayOfWeek)} at ${schedule.localTime} (${schedule.timeZone})`;
}
