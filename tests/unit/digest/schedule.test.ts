import { describe, expect, it } from 'vitest';
import {
  type DigestSchedule,
  describeSchedule,
  digestPeriod,
  isDigestDue,
  parseDay,
  parseTime,
  scheduledMoment,
} from '../../../src/domain/digest/index.ts';

const friday4pmParis: DigestSchedule = {
  cadence: 'weekly',
  dayOfWeek: 5,
  localTime: '16:00',
  timeZone: 'Europe/Paris',
};

describe('digest schedule', () => {
  it('is due from Friday 16:00 local time until the week ends', () => {
    // 2026-02-13 is a Friday; Paris is UTC+1 in February.
    expect(scheduledMoment(friday4pmParis, new Date('2026-02-11T10:00:00Z'))).toEqual(
      new Date('2026-02-13T15:00:00Z'),
    );
    expect(isDigestDue(friday4pmParis, new Date('2026-02-13T14:59:00Z'))).toBe(false);
    expect(isDigestDue(friday4pmParis, new Date('2026-02-13T15:00:00Z'))).toBe(true);
    expect(isDigestDue(friday4pmParis, new Date('2026-02-15T20:00:00Z'))).toBe(true);
    // Monday of the next week is a new period, not due before its Friday.
    expect(isDigestDue(friday4pmParis, new Date('2026-02-16T08:00:00Z'))).toBe(false);
  });

  it('names the period by the ISO week in the schedule’s time zone', () => {
    expect(digestPeriod(friday4pmParis, new Date('2026-02-13T15:00:00Z'))).toBe('2026-W07');
    // Sunday 23:30 UTC is already Monday in Paris: the next week.
    expect(digestPeriod(friday4pmParis, new Date('2026-02-15T23:30:00Z'))).toBe('2026-W08');
  });

  it('gives a biweekly digest one period for two weeks, the same whichever week it is asked in', () => {
    const biweekly = { ...friday4pmParis, cadence: 'biweekly' as const };
    const first = digestPeriod(biweekly, new Date('2026-02-10T12:00:00Z'));
    const second = digestPeriod(biweekly, new Date('2026-02-17T12:00:00Z'));
    const third = digestPeriod(biweekly, new Date('2026-02-24T12:00:00Z'));
    expect(first === second || second === third).toBe(true);
    expect(first).not.toBe(third);
    expect(first).toMatch(/^2026-W0\d\/2$/);
  });

  it('reads days and times as people type them', () => {
    expect(parseDay('fri')).toBe(5);
    expect(parseDay('Monday')).toBe(1);
    expect(parseDay('7')).toBe(7);
    expect(parseDay('fr')).toBeUndefined();
    expect(parseDay('someday')).toBeUndefined();
    expect(parseTime('16:00')).toBe('16:00');
    expect(parseTime('9:05')).toBe('09:05');
    expect(parseTime('4pm')).toBe('16:00');
    expect(parseTime('12 am')).toBe('00:00');
    expect(parseTime('25:00')).toBeUndefined();
    expect(parseTime('16')).toBeUndefined();
    expect(parseTime('noon')).toBeUndefined();
  });

  it('describes itself in words', () => {
    expect(describeSchedule(friday4pmParis)).toBe('every Friday at 16:00 (Europe/Paris)');
  });
});
