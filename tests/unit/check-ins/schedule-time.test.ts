// When a check-in prompt falls due for a person: their weekday and wall-clock time, across DST changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CATCH_UP_MS,
  duePrompt,
  latestOccurrence,
  nextOccurrence,
  type PromptTiming,
  parseLocalTime,
  wallClockInstant,
} from '../../../src/domain/check-ins/schedule-time.ts';

/** Weekly from the week of 5 January 2026, on ISO weekday `dayOfWeek` (1 Monday … 7 Sunday) at `localTime`. */
const weeklyAt = (dayOfWeek: number, localTime: string): PromptTiming => ({
  cadence: 'weekly',
  dayOfWeek,
  localTime,
  anchorDate: '2026-01-05',
});
const monday9 = weeklyAt(1, '09:00');
// 02:30 is skipped on the spring-forward Sunday in Europe and happens twice on the autumn one.
const sunday0230 = weeklyAt(7, '02:30');
const ZONES = ['America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'UTC', 'Australia/Lord_Howe'];
const MINUTE = 60_000;

describe('wallClockInstant', () => {
  /** Date, wall time and zone, and the instant they name, by what each case shows. */
  const cases: Record<string, Array<[string, string, string, string]>> = {
    'is the wall time in the zone on an ordinary day': [
      ['2026-02-09', '09:00', 'America/Los_Angeles', '2026-02-09T17:00:00.000Z'],
      ['2026-02-09', '09:00', 'Asia/Kolkata', '2026-02-09T03:30:00.000Z'],
    ],
    // US: second Sunday of March; EU: last Sunday of March.
    'moves a time the clocks skip to the first minute that exists (03:00)': [
      ['2026-03-08', '02:30', 'America/Los_Angeles', '2026-03-08T10:00:00.000Z'],
      ['2026-03-29', '02:30', 'Europe/Berlin', '2026-03-29T01:00:00.000Z'],
    ],
    // US: first Sunday of November, 01:30 happens at -07:00 then at -08:00.
    // EU: last Sunday of October, 02:30 happens at +02:00 then at +01:00.
    'takes a time that happens twice the first time only': [
      ['2026-11-01', '01:30', 'America/Los_Angeles', '2026-11-01T08:30:00.000Z'],
      ['2026-10-25', '02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    ],
    'falls back to UTC for a zone that does not exist': [
      ['2026-02-09', '09:00', 'Mars/Olympus', '2026-02-09T09:00:00.000Z'],
    ],
  };
  for (const [behaviour, rows] of Object.entries(cases))
    it.each(rows)(`${behaviour}: %s %s in %s is %s`, (date, time, zone, instant) => {
      expect(wallClockInstant(date, time, zone).toISOString()).toBe(instant);
    });
});

describe('parseLocalTime', () => {
  it('reads HH:MM and refuses impossible times', () => {
    expect(parseLocalTime('9:05')).toEqual({ hour: 9, minute: 5 });
    expect(parseLocalTime('24:00')).toBeNull();
    expect(parseLocalTime('09:60')).toBeNull();
    expect(parseLocalTime('nine')).toBeNull();
  });
});

describe('duePrompt', () => {
  it('is due at 09:00 Monday in each zone and not a minute before', () => {
    const at = wallClockInstant('2026-02-09', '09:00', 'Europe/Berlin');
    expect(duePrompt(monday9, 'Europe/Berlin', new Date(at.getTime() - MINUTE))?.period).not.toBe('2026-W07');
    expect(duePrompt(monday9, 'Europe/Berlin', at)).toMatchObject({
      period: '2026-W07',
      localDate: '2026-02-09',
    });
  });

  it('catches up within the documented bound after downtime, not after it', () => {
    const at = wallClockInstant('2026-02-09', '09:00', 'UTC');
    expect(duePrompt(monday9, 'UTC', new Date(at.getTime() + 2 * 60 * MINUTE))?.period).toBe('2026-W07');
    expect(duePrompt(monday9, 'UTC', new Date(at.getTime() + CATCH_UP_MS))).toBeNull();
  });

  it('every two weeks fires in the anchor week and every other week after it', () => {
    const biweekly: PromptTiming = { ...monday9, cadence: 'biweekly', anchorDate: '2026-02-11' };
    const due = (date: string) => duePrompt(biweekly, 'UTC', wallClockInstant(date, '09:00', 'UTC'))?.period;
    expect(due('2026-02-09')).toBe('2026-W07');
    expect(due('2026-02-16')).toBeUndefined();
    expect(due('2026-02-23')).toBe('2026-W09');
  });
});

describe('properties across a year of minutes in DST zones', () => {
  const instant = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') })
    .map((ms) => new Date(Math.floor(ms / MINUTE) * MINUTE));
  /** Checks `holds` for any minute of 2026, any of the zones and either timing. */
  const forAnyMinute = (
    holds: (now: Date, zone: string, timing: PromptTiming) => void,
    parameters: fc.Parameters<[Date, string, PromptTiming]> = {},
  ) =>
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), fc.constantFrom(monday9, sunday0230), holds),
      parameters,
    );

  it('an occurrence is on the scheduled weekday, at the wall time or just after a skipped one', () => {
    forAnyMinute((now, zone, timing) => {
      const next = nextOccurrence(timing, zone, now);
      const local = new Date(next.at).toLocaleString('en-GB', {
        timeZone: zone,
        weekday: 'short',
        hour12: false,
      });
      expect(local.startsWith(timing.dayOfWeek === 1 ? 'Mon' : 'Sun')).toBe(true);
      expect(next.at.getTime()).toBeGreaterThan(now.getTime());
      expect(latestOccurrence(timing, zone, next.at)?.at.getTime()).toBe(next.at.getTime());
    });
  });

  it('consecutive occurrences are one week apart give or take a DST hour, so nobody is prompted twice or skipped', () => {
    forAnyMinute((now, zone, timing) => {
      const first = nextOccurrence(timing, zone, now);
      const second = nextOccurrence(timing, zone, first.at);
      const gap = second.at.getTime() - first.at.getTime();
      expect(Math.abs(gap - 7 * 24 * 60 * MINUTE)).toBeLessThanOrEqual(60 * MINUTE);
      expect(second.period).not.toBe(first.period);
    });
  });

  it('ticking every minute across a week finds exactly one due period per occurrence', () => {
    forAnyMinute(
      (start, zone, timing) => {
        const periods = new Set<string>();
        let dueTicks = 0;
        // A tick every 30 minutes for 8 days is cheaper and still lands inside every catch-up window.
        for (let t = start.getTime(); t < start.getTime() + 8 * 24 * 60 * MINUTE; t += 30 * MINUTE) {
          const due = duePrompt(timing, zone, new Date(t));
          if (due) {
            periods.add(due.period);
            dueTicks++;
          }
        }
        expect(periods.size).toBeGreaterThanOrEqual(1);
        expect(periods.size).toBeLessThanOrEqual(2);
        expect(dueTicks).toBeGreaterThan(0);
      },
      { numRuns: 30 },
    );
  });
});
