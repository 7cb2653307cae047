import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/domain/numbers/parse-number.ts';

function value(text: string) {
  const result = parseNumber(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
  return result;
}

function error(text: string, opts?: Parameters<typeof parseNumber>[1]) {
  const result = parseNumber(text, opts);
  if (result.ok) throw new Error(`expected "${text}" to be rejected, got ${result.value}`);
  return result.error;
}

describe('parseNumber accepts what people type', () => {
  it.each([
    ['1,250', 1250],
    ['1,250,000.75', 1250000.75],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['-4', -4],
    ['+4', 4],
    ['\u22124', -4],
    ['3.5k', 3500],
    ['2M', 2_000_000],
    ['1.2bn', 1_200_000_000],
    ['0.07k', 70],
    ['12 000', 12000],
    ['12\u00a0000', 12000],
    ['12\u2009000', 12000],
    ['1\u202f234\u202f567.5', 1234567.5],
    ['  42  ', 42],
    ['1e3', 1000],
    ['1.25', 1.25],
    ['0.125', 0.125],
    ['1.2500', 1.25],
    ['3.5 k', 3500],
  ])('%s → %d', (text, expected) => {
    expect(value(text).value).toBe(expected);
  });

  it('reports percent and currency symbols as unit hints', () => {
    expect(value('15%')).toEqual({ ok: true, value: 15, unitHint: '%' });
    expect(value('15 %')).toEqual({ ok: true, value: 15, unitHint: '%' });
    expect(value('$12,000')).toEqual({ ok: true, value: 12000, unitHint: '$' });
    expect(value('€9.99')).toEqual({ ok: true, value: 9.99, unitHint: '€' });
    expect(value('9.99€')).toEqual({ ok: true, value: 9.99, unitHint: '€' });
    expect(value('-$4')).toEqual({ ok: true, value: -4, unitHint: '$' });
    expect(value('$-4')).toEqual({ ok: true, value: -4, unitHint: '$' });
    expect(value('$1.5M')).toEqual({ ok: true, value: 1_500_000, unitHint: '$' });
    expect(value('7')).toEqual({ ok: true, value: 7 });
  });
});

describe('parseNumber rejects ambiguous or bad input with an explanation', () => {
  it('refuses a decimal comma because it could be a thousands separator', () => {
    expect(error('1,25')).toMatch(/ambiguous.*1\.25/);
    expect(error('12,5')).toMatch(/ambiguous/);
  });

  it('asks about a dot followed by three digits: a decimal point, or European grouping?', () => {
    expect(error('1.250')).toBe(
      '"1.250" is ambiguous: 1.25 with a decimal point, or 1250 grouped with a dot? Write 1.25 or 1250',
    );
    expect(error('12.500')).toMatch(/12\.5 .*12500/);
  });

  it('refuses European dot grouping', () => {
    expect(error('1.250.000')).toMatch(/European grouping.*1,250,000/);
    expect(error('1.250,5')).toMatch(/decimal comma/);
  });

  it('refuses badly grouped thousands', () => {
    expect(error('12,34,567')).toMatch(/groups? digits in threes|group digits/);
    expect(error('1 25')).toMatch(/wrong places/);
    expect(error('1,250 000')).toMatch(/mixes commas and spaces/);
  });

  it.each(['12abc', 'abc', '1-2', '5.', '--4', '$€5', '5%%', '1e3k', '$5%', ''])('refuses %j', (text) => {
    expect(error(text)).toMatch(/expected|mixes|ends with|single sign|one currency/);
  });

  it('names the problem with NaN and Infinity', () => {
    expect(error('NaN')).toMatch(/finite number/);
    expect(error('-Infinity')).toMatch(/finite number/);
  });

  it('says the value is empty', () => {
    expect(error('   ')).toMatch(/empty/);
  });

  it('applies min, max, integer and positive', () => {
    expect(error('11', { min: 0, max: 10 })).toMatch(/from 0 to 10/);
    expect(error('-1', { min: 0 })).toMatch(/at least 0/);
    expect(error('2k', { max: 1000 })).toMatch(/at most 1000/);
    expect(error('2.5', { integer: true })).toMatch(/whole number/);
    expect(error('0', { positive: true })).toMatch(/greater than 0/);
    expect(parseNumber('2.5k', { integer: true })).toEqual({ ok: true, value: 2500 });
  });
});

describe('parseNumber on hostile input', () => {
  it('refuses very long text quickly', () => {
    const started = performance.now();
    expect(error(`1${' '.repeat(50_000)}1x`)).toMatch(/characters of text/);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
