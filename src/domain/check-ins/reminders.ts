// When to remind someone who has not checked in: the next working day (Monday to Friday in their zone)
// at the prompt's local time, then a number of working days after that; never once the period is over.
import { DateTime } from 'luxon';
import { wallClockInstant } from './schedule-time.ts';

export interface ReminderDelays {
  /** Working days after the prompt for the first reminder; 0 means no reminders at all. */
  first: number;
  /** Working days after the first reminder for the second; 0 means only one reminder. */
  second: number;
}

export const DEFAULT_REMINDER_DELAYS: ReminderDelays = { first: 1, second: 2 };

function addWorkingDays(isoDate: string, days: number): string {
  let date = DateTime.fromISO(isoDate, { zone: 'UTC' });
  let left = days;
  while (left > 0) {
    date = date.plus({ days: 1 });
    if (date.weekday <= 5) left--;
  }
  return date.toISODate()!;
}

export interface ReminderPlan {
  /** 1 for the first reminder, 2 for the second. */
  number: 1 | 2;
  at: Date;
}

/**
 * The reminders a prompt sent on `promptDate` (local) at `localTime` may lead to, each strictly before
 * `periodEnd` (when the next prompt of the schedule is due).
 */
export function reminderTimes(
  promptDate: string,
  localTime: string,
  zone: string,
  periodEnd: Date,
  delays: ReminderDelays = DEFAULT_REMINDER_DELAYS,
): ReminderPlan[] {
  if (delays.first <= 0) return [];
  const firstDate = addWorkingDays(promptDate, delays.first);
  const plans: ReminderPlan[] = [{ number: 1, at: wallClockInstant(firstDate, localTime, zone) }];
  if (delays.second > 0)
    plans.push({
      number: 2,
      at: wallClockInstant(addWorkingDays(firstDate, delays.second), localTime, zone),
    });
  return plans.filter((plan) => plan.at.getTime() < periodEnd.getTime());
}

/** The reminder due at `now`, if any: the latest planned one that has come, unless already sent. */
export function dueReminder(
  plans: readonly ReminderPlan[],
  now: Date,
  alreadySent: number,
): ReminderPlan | null {
  const come = plans.filter((plan) => plan.at.getTime() <= now.getTime());
  const latest = come.at(-1);
  return latest && latest.number > alreadySent ? latest : null;
}
