// Reminders: next working day at the prompt's local time, then two working days later; none after the period.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueReminder, reminderTimes } from '../../../src/domain/check-ins/reminders.ts';
import { wallClockInstant } from '../../../src/domain/check-ins/schedule-time.ts';

const iso = (plans: { at: Date }[]) => plans.map((plan) => plan.at.toISOString());

describe('reminderTimes', () => {
  it('after a Monday prompt: Tuesday, then Thursday, same local time', () => {
    const end = wallClockInstant('2026-02-16', '09:00', 'Europe/Berlin');
    expect(iso(reminderTimes('2026-02-09', '09:00', 'Europe/Berlin', end))).toEqual([
      '2026-02-10T08:00:00.000Z',
      '2026-02-12T08:00:00.000Z',
    ]);
  });

  it('skips the weekend: a Friday prompt is reminded on Monday, then Wednesday', () => {
    const end = wallClockInstant('2026-02-20', '09:00', 'UTC');
    expect(iso(reminderTimes('2026-02-13', '09:00', 'UTC', end))).toEqual([
      '2026-02-16T09:00:00.000Z',
      '2026-02-18T09:00:00.000Z',
    ]);
  });

  it('none at or after the end of the period', () => {
    const end = wallClockInstant('2026-02-12', '09:00', 'UTC');
    expect(iso(reminderTimes('2026-02-09', '09:00', 'UTC', end))).toEqual(['2026-02-10T09:00:00.000Z']);
  });

  it('configurable: no reminders, or only one', () => {
    const end = wallClockInstant('2026-02-16', '09:00', 'UTC');
    expect(reminderTimes('2026-02-09', '09:00', 'UTC', end, { first: 0, second: 2 })).toEqual([]);
    expect(reminderTimes('2026-02-09', '09:00', 'UTC', end, { first: 2, second: 0 })).toHaveLength(1);
  });

  it('reminders always fall on working days, in order, before the period ends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.constantFrom('America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata'),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (dayOfYear, zone, first, second) => {
          const date = new Date(Date.UTC(2026, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
          const end = new Date(wallClockInstant(date, '09:00', zone).getTime() + 7 * 86_400_000);
          const plans = reminderTimes(date, '09:00', zone, end, { first, second });
          for (const plan of plans) {
            const weekday = plan.at.toLocaleString('en-GB', { timeZone: zone, weekday: 'short' });
            expect(['Sat', 'Sun']).not.toContain(weekday);
            expect(plan.at.getTime()).toBeLessThan(end.getTime());
          }
          expect(plans.map((plan) => plan.at.getTime())).toEqual(
            [...plans.map((plan) => plan.at.getTime())].sort((a, b) => a - b),
          );
        },
      ),
    );
  });
});

describe('dueReminder', () => {
  const plans = [
    { number: 1 as const, at: new Date('2026-02-10T09:00:00Z') },
    { number: 2 as const, at: new Date('2026-02-12T09:00:00Z') },
  ];
  it('is the latest reminder that has come and was not sent', () => {
    expect(dueReminder(plans, new Date('2026-02-10T08:59:00Z'), 0)).toBeNull();
    expect(dueReminder(plans, new Date('2026-02-10T09:00:00Z'), 0)?.number).toBe(1);
    expect(dueReminder(plans, new Date('2026-02-11T09:00:00Z'), 1)).toBeNull();
    // Down over both: one reminder, the second, not two in a row.
    expect(dueReminder(plans, new Date('2026-02-13T09:00:00Z'), 0)?.number).toBe(2);
  });
});
