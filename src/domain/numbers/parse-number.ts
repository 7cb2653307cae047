/**
 * Parse numbers the way people type them in Slack modals, spreadsheets and YAML files.
 *
 * A single dot is always a decimal point (`1.250` is one and a quarter), which is what spreadsheets
 * export and what YAML means. Commas and spaces are only accepted as thousands separators in groups of three.
 *
 * The rule of thumb: accept anything that has exactly one sensible reading, reject anything that
 * could mean two different numbers (e.g. `1,25` is 1.25 in Berlin and a typo for 1,250 in Boston)
 * and always say what we expected instead, because the person reading the error is not a developer.
 * `1.250` is such a case: one and a quarter, or 1250 grouped the European way? It is refused with that
 * question (1.25 and 1250 are both accepted), and formatters never write three decimals after 1–3 digits.
 *
 * Every value is finite and within ±AMOUNT_LIMIT (amount.ts), whatever the caller's own range.
 */

import { AMOUNT_LIMIT } from './amount.ts';

/** Units we can recognise from a symbol in the text; the caller decides whether to use the hint. */
export type UnitHint = '%' | '$' | '€' | '£' | '¥';

export interface NumberParseOptions {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Refuse zero and negatives, e.g. for weights. */
  positive?: boolean;
  /** Refuse fractions, e.g. for counts and 1–5 scores. */
  integer?: boolean;
}

export type NumberParseResult =
  | { ok: true; value: number; unitHint?: UnitHint }
  | { ok: false; error: string };

const EXAMPLES = 'e.g. 1250, 1,250, 0.5, -4, 15%, 3.5k, 2M, 1.2bn or $12,000';

// Magnitude suffixes as powers of ten so we can scale in decimal text and avoid 0.07 * 1000 = 70.00000000000001.
const MAGNITUDES: Record<string, number> = {
  k: 3,
  K: 3,
  m: 6,
  M: 6,
  mn: 6,
  MM: 6,
  b: 9,
  B: 9,
  bn: 9,
  Bn: 9,
  BN: 9,
  t: 12,
  T: 12,
  tn: 12,
};

// Long enough for any double written out in full with grouping (about 420 characters).
const MAX_INPUT_LENGTH = 500;

const CURRENCIES: readonly UnitHint[] = ['$', '€', '£', '¥'];

// Spaces people (and spreadsheets) use as thousands separators: space, no-break, thin, narrow no-break.
const GROUPING_SPACES = /[ \u00a0\u2009\u202f]/g;

/**
 * Split the text into sign, currency, digits, magnitude suffix and percent sign. Everything is
 * optional except the digits; the shape checks happen afterwards so each failure gets its own message.
 */
const SHAPE =
  /^(?<sign1>[-+\u2212]?)(?<cur1>[$€£¥]?)(?<sign2>[-+\u2212]?)(?<body>[0-9][0-9., \u00a0\u2009\u202f]*|\.[0-9]+)(?<exp>[eE][-+]?[0-9]+)?(?<mag>k|K|mn|MM|m|M|bn|Bn|BN|b|B|tn|t|T)?(?<pct>%?)(?<cur2>[$€£¥]?)$/u;

export function parseNumber(input: string, opts: NumberParseOptions = {}): NumberParseResult {
  const text = input.trim();
  if (text === '') return fail(`expected a number (${EXAMPLES}) but the value is empty`);
  // No real number needs more; the cap also keeps the regexes below linear on hostile input.
  if (text.length > MAX_INPUT_LENGTH)
    return fail(`expected a number but got ${text.length} characters of text`);
  if (/^[-+]?(nan|infinity|inf|∞)$/i.test(text)) {
    return fail(`expected a finite number (${EXAMPLES}), not "${text}"`);
  }

  // Allow one space between symbols and digits ("$ 12", "15 %", "3.5 k") by removing it up front.
  const compact = text
    .replace(/^([-+\u2212]?[$€£¥])\s+/u, '$1')
    .replace(/\s+([%$€£¥]|k|K|mn|MM|m|M|bn|Bn|BN|b|B|tn|t|T)$/u, '$1');
  const match = SHAPE.exec(compact);
  const g = match?.groups;
  if (!g?.['body']) return fail(`expected a number (${EXAMPLES}) but got "${text}"`);

  const sign1 = g['sign1'] ?? '';
  const sign2 = g['sign2'] ?? '';
  const cur1 = g['cur1'] ?? '';
  const cur2 = g['cur2'] ?? '';
  const pct = g['pct'] ?? '';
  const mag = g['mag'] ?? '';
  const exp = g['exp'] ?? '';
  if (sign1 && sign2) return fail(`expected a single sign in "${text}"`);
  if (cur1 && cur2) return fail(`expected one currency symbol in "${text}"`);
  if ((cur1 || cur2) && pct) return fail(`"${text}" mixes a currency and a percent sign; pick one`);
  if (exp && (mag || pct)) return fail(`"${text}" mixes scientific notation with a suffix; write it one way`);

  const body = normaliseDigits(g['body'], text);
  if (!body.ok) return body;

  const negative = (sign1 || sign2) === '-' || (sign1 || sign2) === '\u2212';
  const shift = mag ? (MAGNITUDES[mag] ?? 0) : 0;
  // Number() on decimal text is correctly rounded, so "3.5e3" is exactly 3500 and the formatter round-trips.
  let value = Number(`${body.digits}${exp || ''}`);
  if (shift) value = Number(`${body.digits}e${shift}`);
  if (negative) value = -value;
  if (!Number.isFinite(value) || Math.abs(value) > AMOUNT_LIMIT) return fail(tooLarge(text));

  const currency = (cur1 || cur2) as UnitHint | '';
  const unitHint: UnitHint | undefined = pct
    ? '%'
    : currency && CURRENCIES.includes(currency)
      ? currency
      : undefined;

  const rangeError = checkRange(value, text, opts);
  if (rangeError) return fail(rangeError);
  return unitHint ? { ok: true, value, unitHint } : { ok: true, value };
}

type DigitsResult = { ok: true; digits: string } | { ok: false; error: string };

/** Turn the digit part into plain `1234.5` text, validating thousands grouping on the way. */
function normaliseDigits(raw: string, original: string): DigitsResult {
  const body = raw.replace(GROUPING_SPACES, ' ');
  const commas = (body.match(/,/g) ?? []).length;
  const dots = (body.match(/\./g) ?? []).length;
  const spaces = (body.match(/ /g) ?? []).length;

  if (dots > 1) {
    return fail(
      `"${original}" looks like European grouping with dots (1.250.000). ` +
        'Use a dot only for decimals: write 1250000 or 1,250,000',
    );
  }
  if (commas > 0 && spaces > 0) return fail(`"${original}" mixes commas and spaces as thousands separators`);

  const [intPart = '', fracPart] = body.split('.');
  if (
    commas === 0 &&
    spaces === 0 &&
    /^[1-9][0-9]{0,2}$/.test(intPart) &&
    /^[0-9]{3}$/.test(fracPart ?? '')
  ) {
    const whole = `${intPart}${fracPart}`;
    const decimal = `${intPart}.${fracPart}`.replace(/0+$/, '').replace(/\.$/, '');
    return fail(
      `"${original}" is ambiguous: ${decimal} with a decimal point, or ${whole} grouped with a dot? ` +
        `Write ${decimal} or ${whole}`,
    );
  }
  if (fracPart !== undefined && /[, ]/.test(fracPart)) {
    if (fracPart.includes(',')) {
      return fail(
        `"${original}" uses a decimal comma after a dot (European style). Write decimals with a dot, e.g. 1250.5`,
      );
    }
    return fail(`"${original}" has a space after the decimal point`);
  }
  if (fracPart === '')
    return fail(`"${original}" ends with a decimal point; add digits after it or remove it`);

  const separator = commas > 0 ? ',' : spaces > 0 ? ' ' : '';
  if (separator) {
    const groups = intPart.split(separator);
    const wellGrouped =
      /^[0-9]{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((g) => /^[0-9]{3}$/.test(g));
    if (!wellGrouped) {
      if (
        separator === ',' &&
        commas === 1 &&
        fracPart === undefined &&
        /^[0-9]+,[0-9]{1,2}$/.test(intPart)
      ) {
        const [wholePart, decimals] = intPart.split(',');
        return fail(
          `"${original}" is ambiguous: a decimal comma or a thousands separator? ` +
            `Write ${wholePart}.${decimals} for decimals or group thousands in threes (e.g. 1,250)`,
        );
      }
      return fail(
        `"${original}" has thousands separators in the wrong places; group digits in threes (1,250,000) or leave them out`,
      );
    }
  }
  const whole = separator ? intPart.split(separator).join('') : intPart;
  const digits = fracPart !== undefined ? `${whole}.${fracPart}` : whole;
  return { ok: true, digits };
}

function checkRange(value: number, text: string, opts: NumberParseOptions): string | undefined {
  if (opts.integer && !Number.isInteger(value)) return `expected a whole number but got "${text}"`;
  if (opts.positive && !(value > 0)) return `expected a number greater than 0 but got "${text}"`;
  const { min, max } = opts;
  if (min !== undefined && max !== undefined && (value < min || value > max)) {
    return `expected a number from ${min} to ${max} but got "${text}"`;
  }
  if (min !== undefined && value < min) return `expected a number of at least ${min} but got "${text}"`;
  if (max !== undefined && value > max) return `expected a number of at most ${max} but got "${text}"`;
  return undefined;
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

function tooLarge(text: string): string {
  return `"${text}" is beyond what Okra counts with: keep values between -1,000,000,000,000,000 and 1,000,000,000,000,000 (10^15)`;
}

/** Range checks for values that are already numbers (e.g. a YAML `15`), sharing the string parser's wording. */
export function checkNumber(value: number, opts: NumberParseOptions = {}): NumberParseResult {
  if (!Number.isFinite(value)) return fail(`expected a finite number (${EXAMPLES}), not ${String(value)}`);
  if (Math.abs(value) > AMOUNT_LIMIT) return fail(tooLarge(String(value)));
  const error = checkRange(value, String(value), opts);
  return error ? fail(error) : { ok: true, value };
}
