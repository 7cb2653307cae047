import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localDate, periodOf, periodOfDate } from '../../src/domain/periods.ts';

describe('check-in periods', () => {
  it('names ISO weeks, including the week-year at a year boundary', () => {
    expect(periodOf(new Date('2026-02-11T10:00:00Z'))).toBe('2026-W07');
    // 1 January 2027 is a Friday: it belongs to the last ISO week of 2026.
    expect(periodOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(periodOfDate('2024-12-30')).toBe('2025-W01');
  });

  it('depends on where the person is', () => {
    const sundayNightInUtc = new Date('2026-02-15T23:30:00Z');
    expect(periodOf(sundayNightInUtc, 'weekly', 'UTC')).toBe('2026-W07');
    expect(periodOf(sundayNightInUtc, 'weekly', 'Asia/Tokyo')).toBe('2026-W08');
    expect(localDate(sundayNightInUtc, 'Asia/Tokyo')).toBe('2026-02-16');
  });

  it('names calendar months for monthly cadence, and falls back to UTC for an unknown zone', () => {
    expect(periodOf(new Date('2026-02-28T23:00:00Z'), 'monthly', 'Europe/Berlin')).toBe('2026-03');
    expect(periodOf(new Date('2026-02-28T23:00:00Z'), 'monthly', 'Not/AZone')).toBe('2026-02');
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('Not/AZone')).toBe(false);
  });
});
