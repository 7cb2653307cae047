// When a check-in schedule fires for one person: a weekday and a wall-clock time in that person's zone,
// weekly or every two weeks. Pure: the moment and the zone are always passed in.
import { DateTime } from 'luxon';

export type PromptCadence = 'weekly' | 'biweekly';

export interface PromptTiming {
  cadence: PromptCadence;
  /** 1 = Monday .. 7 = Sunday (ISO). */
  dayOfWeek: number;
  /** HH:MM, the person's wall-clock time. */
  localTime: string;
  /** Any date (YYYY-MM-DD) in a week the schedule fires; every-two-weeks schedules count from it. */
  anchorDate: string;
}

/**
 * How late a prompt may still go out after it fell due, e.g. after the process was down. Past this a
 * prompt for that week is not sent at all: a Monday-morning prompt arriving at night helps nobody, and
 * the reminders and the next week's prompt follow anyway.
 */
export const CATCH_UP_MS = 6 * 60 * 60 * 1000;

const MINUTE_MS = 60_000;

export function parseLocalTime(text: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2})[:.h](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

export function formatLocalTime(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * The instant a wall-clock time happens on a date in a zone. A time the clocks skip (02:30 on the night
 * they go forward) happens at the first minute that exists after it (03:00); a time that happens twice
 * (01:30 on the night they go back) is taken the first time only, so it is never sent twice.
 */
export function wallClockInstant(isoDate: string, localTime: string, zone: string): Date {
  const time = parseLocalTime(localTime) ?? { hour: 9, minute: 0 };
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const wanted = { year, month, day, hour: time.hour, minute: time.minute };
  const base = DateTime.fromObject(wanted, { zone });
  if (!base.isValid) return wallClockInstant(isoDate, localTime, 'UTC');
  if (base.hour !== time.hour || base.minute !== time.minute) {
    // Skipped: walk forward minute by minute (a gap is at most a few hours) to the first valid wall time.
    for (let step = 1; step <= 24 * 60; step++) {
      const wall = DateTime.fromObject(wanted, { zone: 'UTC' }).plus({ minutes: step });
      const candidate = DateTime.fromObject(
        { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute },
        { zone },
      );
      if (candidate.hour === wall.hour && candidate.minute === wall.minute) return candidate.toJSDate();
    }
  }
  // Repeated: Luxon may pick either offset; an hour earlier with the same wall time is the first pass.
  for (const back of [60, 30]) {
    const earlier = base.minus({ minutes: back });
    const again = earlier.setZone(zone);
    if (again.hour === time.hour && again.minute === time.minute && again.day === day)
      return again.toJSDate();
  }
  return base.toJSDate();
}

/** The Monday (YYYY-MM-DD) of the ISO week a local date falls in. */
export function mondayOf(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).startOf('week').toISODate()!;
}

function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

function weeksBetween(fromMonday: string, toMonday: string): number {
  const ms = Date.parse(`${toMonday}T00:00:00Z`) - Date.parse(`${fromMonday}T00:00:00Z`);
  return Math.round(ms / (7 * 24 * 60 * MINUTE_MS));
}

/** Whether the schedule fires in the week starting on this Monday. */
export function firesInWeek(timing: PromptTiming, monday: string): boolean {
  if (timing.cadence === 'weekly') return true;
  return Math.abs(weeksBetween(mondayOf(timing.anchorDate), monday)) % 2 === 0;
}

export interface Occurrence {
  /** The instant the prompt is due. */
  at: Date;
  /** The ISO week it is for, in the person's zone, e.g. 2026-W10: the check-in's period. */
  period: string;
  /** The local date it fires on. */
  localDate: string;
}

function occurrenceForWeek(timing: PromptTiming, monday: string, zone: string): Occurrence | null {
  if (!firesInWeek(timing, monday)) return null;
  const localDate = addDays(monday, Math.min(7, Math.max(1, timing.dayOfWeek)) - 1);
  const at = wallClockInstant(localDate, timing.localTime, zone);
  const week = DateTime.fromISO(localDate, { zone: 'UTC' });
  return { at, localDate, period: `${week.weekYear}-W${String(week.weekNumber).padStart(2, '0')}` };
}

function localIsoDate(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  return (local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' })).toISODate()!;
}

/** The latest occurrence at or before `now` (looking back three weeks at most), or null. */
export function latestOccurrence(timing: PromptTiming, zone: string, now: Date): Occurrence | null {
  const thisMonday = mondayOf(localIsoDate(now, zone));
  for (let back = 0; back <= 3; back++) {
    const occurrence = occurrenceForWeek(timing, addDays(thisMonday, -7 * back), zone);
    if (occurrence && occurrence.at.getTime() <= now.getTime()) return occurrence;
  }
  return null;
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(timing: PromptTiming, zone: string, after: Date): Occurrence {
  const thisMonday = mondayOf(localIsoDate(after, zone));
  for (let ahead = 0; ahead <= 3; ahead++) {
    const occurrence = occurrenceForWeek(timing, addDays(thisMonday, 7 * ahead), zone);
    if (occurrence && occurrence.at.getTime() > after.getTime()) return occurrence;
  }
  throw new Error('a schedule fires at least every two weeks');
}

/**
 * The prompt a person is due at `now`: the latest occurrence, if it fell due no longer than
 * CATCH_UP_MS ago. Sending is idempotent per (schedule, period, person), so a tick that runs every
 * minute, or late after downtime, sends each occurrence once.
 */
export function duePrompt(timing: PromptTiming, zone: string, now: Date): Occurrence | null {
  const latest = latestOccurrence(timing, zone, now);
  if (!latest) return null;
  return now.getTime() - latest.at.getTime() < CATCH_UP_MS ? latest : null;
}
