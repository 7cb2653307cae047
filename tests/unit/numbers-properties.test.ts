import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMOUNT_LIMIT } from '../../src/domain/numbers/amount.ts';
import { formatNumber, plainDecimal } from '../../src/domain/numbers/format-number.ts';
import { parseNumber } from '../../src/domain/numbers/parse-number.ts';

/** Every value Okra accepts: finite and within ±10^15. */
const finite = fc
  .double({ noNaN: true, noDefaultInfinity: true, min: -AMOUNT_LIMIT, max: AMOUNT_LIMIT })
  .map((n) => (Object.is(n, -0) ? 0 : n));

describe('formatNumber and parseNumber round-trip', () => {
  it('comma-grouped text parses back to the same number', () => {
    fc.assert(
      fc.property(finite, (n) => {
        const parsed = parseNumber(formatNumber(n));
        expect(parsed).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('space- and thin-space-grouped text parses back too', () => {
    fc.assert(
      fc.property(finite, fc.constantFrom(' ' as const, '\u202f' as const, '' as const), (n, separator) => {
        const parsed = parseNumber(formatNumber(n, { groupSeparator: separator }));
        expect(parsed.ok && parsed.value).toBe(n);
      }),
    );
  });

  it('integers survive currency and magnitude decoration', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (n) => {
        expect(parseNumber(`$${formatNumber(n)}`)).toMatchObject({ ok: true, value: n, unitHint: '$' });
        expect(parseNumber(`${n}k`)).toMatchObject({ ok: true, value: n * 1000 });
        expect(parseNumber(`${formatNumber(n)}%`)).toMatchObject({ ok: true, value: n, unitHint: '%' });
      }),
    );
  });

  it('refuses every number beyond ±10^15, saying where the limit is', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: AMOUNT_LIMIT, minExcluded: true }),
        fc.boolean(),
        (n, negative) => {
          const parsed = parseNumber(formatNumber(negative ? -n : n));
          expect(parsed.ok).toBe(false);
        },
      ),
    );
    expect(parseNumber('1e300')).toMatchObject({ ok: false, error: expect.stringMatching(/10\^15/) });
    expect(parseNumber('1e308')).toMatchObject({ ok: false });
    expect(parseNumber('1e400')).toMatchObject({ ok: false, error: expect.stringMatching(/10\^15/) });
  });

  it('never throws and never returns a non-finite value, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseNumber(text);
        if (parsed.ok) expect(Number.isFinite(parsed.value)).toBe(true);
        else expect(parsed.error.length).toBeGreaterThan(0);
      }),
    );
  });

  it('respects min and max for every accepted value', () => {
    fc.assert(
      fc.property(finite, (n) => {
        const parsed = parseNumber(formatNumber(n), { min: -100, max: 100 });
        expect(parsed.ok).toBe(n >= -100 && n <= 100);
      }),
    );
  });
});

describe('formatNumber', () => {
  it('groups thousands and never uses scientific notation', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.891');
    expect(formatNumber(-1250)).toBe('-1,250');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1e21)).toBe('1,000,000,000,000,000,000,000');
    expect(formatNumber(1.5e-7)).toBe('0.00000015');
    expect(formatNumber(12000, { groupSeparator: ' ' })).toBe('12 000');
    expect(formatNumber(2 / 3, { maxDecimals: 2 })).toBe('0.67');
    expect(formatNumber(-0.001, { maxDecimals: 1 })).toBe('0');
  });

  it('plainDecimal expands exponents exactly', () => {
    expect(plainDecimal(1.2345e22)).toBe('12345000000000000000000');
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(42.5)).toBe('42.5');
  });
});
