import { z } from 'zod';
import { zParsed } from './zod-number.ts';

/**
 * Calendar dates as `YYYY-MM-DD` text. We keep dates as text (not Date objects) in plans because a
 * check-in "on 2026-01-07" has no time zone, and converting to a Date invites off-by-one-day bugs.
 */
export type IsoDate = string;

export type IsoDateResult = { ok: true; value: IsoDate } | { ok: false; error: string };

const EXPECTED = 'expected a date written as YYYY-MM-DD (e.g. 2026-01-07)';

export function parseIsoDate(input: string): IsoDateResult {
  const text = input.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { ok: false, error: `${EXPECTED} but got "${text}"` };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, error: `"${text}" is not a real calendar date` };
  }
  return { ok: true, value: text };
}

export function isIsoDate(input: string): boolean {
  return parseIsoDate(input).ok;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC so local DST never shifts it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Compare two valid ISO dates; the fixed-width format makes string order equal calendar order. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * zod schema for a calendar date. Also accepts a Date at UTC midnight, which is what YAML 1.1 parsers
 * produce for an unquoted 2026-01-07, so files written by other tools still load.
 */
export function zIsoDate() {
  return zParsed([z.string(), z.date()], EXPECTED, (input) =>
    typeof input === 'string' ? parseIsoDate(input) : fromDate(input),
  );
}

function fromDate(date: Date): IsoDateResult {
  if (Number.isNaN(date.getTime())) return { ok: false, error: `${EXPECTED} but got an invalid date` };
  const iso = date.toISOString();
  if (!iso.endsWith('T00:00:00.000Z'))
    return { ok: false, error: `${EXPECTED}; a time of day is not allowed here` };
  return { ok: true, value: iso.slice(0, 10) };
}
