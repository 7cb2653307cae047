import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfidence, zConfidence } from '../../src/domain/numbers/confidence.ts';
import { compareIsoDates, parseIsoDate, zIsoDate } from '../../src/domain/numbers/iso-date.ts';
import { zNumberLike } from '../../src/domain/numbers/zod-number.ts';

function messages(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe('zNumberLike', () => {
  it('accepts numbers and people-typed text, producing a number', () => {
    const schema = zNumberLike();
    expect(schema.parse(15)).toBe(15);
    expect(schema.parse('1,250')).toBe(1250);
    expect(schema.parse('15%')).toBe(15);
  });

  it('passes the parser explanation through as the zod message', () => {
    expect(messages(zNumberLike().safeParse('1,25'))[0]).toMatch(/ambiguous/);
    expect(messages(zNumberLike({ min: 1, max: 5, integer: true }).safeParse(6))[0]).toMatch(/from 1 to 5/);
    expect(messages(zNumberLike().safeParse(Number.NaN))[0]).toMatch(/NaN/);
    expect(messages(zNumberLike().safeParse(true))[0]).toBe('expected a number, got true');
    expect(messages(z.object({ n: zNumberLike() }).safeParse({}))[0]).toMatch(/required/);
  });

  it('works as an optional field', () => {
    const schema = z.object({ n: zNumberLike().optional() });
    expect(schema.parse({})).toEqual({});
    expect(schema.parse({ n: '2k' })).toEqual({ n: 2000 });
  });
});

describe('confidence', () => {
  it.each([
    ['7', 7],
    ['7/10', 7],
    ['7 / 10', 7],
    ['0', 0],
    ['10/10', 10],
  ])('%s → %d', (text, expected) => {
    expect(parseConfidence(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['11', '-1', '7.5', '7/9', 'high', '', '70%'])('rejects %j', (text) => {
    const result = parseConfidence(text);
    expect(result.ok).toBe(false);
  });

  it('explains a wrong denominator', () => {
    expect(parseConfidence('3/5')).toMatchObject({ ok: false, error: expect.stringMatching(/out of 10/) });
  });

  it('zConfidence accepts numbers and text', () => {
    expect(zConfidence().parse(8)).toBe(8);
    expect(zConfidence().parse('8/10')).toBe(8);
    expect(messages(zConfidence().safeParse(8.5))[0]).toMatch(/0 to 10/);
  });
});

describe('ISO dates', () => {
  it('accepts real calendar dates including leap days', () => {
    expect(parseIsoDate('2026-01-07')).toEqual({ ok: true, value: '2026-01-07' });
    expect(parseIsoDate('2024-02-29').ok).toBe(true);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-7', '07/01/2026', ''])(
    'rejects %j',
    (text) => {
      expect(parseIsoDate(text).ok).toBe(false);
    },
  );

  it('zIsoDate explains the expected format and accepts YAML 1.1 dates at midnight UTC', () => {
    expect(zIsoDate().parse('2026-03-31')).toBe('2026-03-31');
    expect(zIsoDate().parse(new Date(Date.UTC(2026, 2, 31)))).toBe('2026-03-31');
    expect(messages(zIsoDate().safeParse('2026-02-30'))[0]).toMatch(/not a real calendar date/);
    expect(messages(zIsoDate().safeParse(20260101))[0]).toMatch(/YYYY-MM-DD/);
  });

  it('orders dates chronologically', () => {
    expect(compareIsoDates('2026-01-07', '2026-01-14')).toBe(-1);
    expect(compareIsoDates('2026-01-07', '2026-01-07')).toBe(0);
  });
});
