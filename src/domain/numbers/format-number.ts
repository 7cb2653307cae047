/**
 * Format numbers for people: thousands grouping and no scientific notation, while keeping every
 * digit needed so that parseNumber(formatNumber(x)) gives back exactly x.
 */

export interface FormatNumberOptions {
  /** Thousands separator; `''` turns grouping off. Defaults to a comma. */
  groupSeparator?: ',' | ' ' | '\u202f' | '';
  /** Round to this many decimals (trailing zeros dropped). Omit to keep full precision. */
  maxDecimals?: number;
}

export function formatNumber(value: number, opts: FormatNumberOptions = {}): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${String(value)} as a number`);
  const separator = opts.groupSeparator ?? ',';
  const rounded = opts.maxDecimals === undefined ? value : roundTo(value, opts.maxDecimals);
  const negative = rounded < 0;
  const [intPart = '0', plainFraction = ''] = plainDecimal(Math.abs(rounded)).split('.');
  // "1.250" would read as 1250 to half of Europe, and parseNumber refuses it: "1.2500" is the same number.
  const fracPart =
    plainFraction.length === 3 && /^[1-9][0-9]{0,2}$/.test(intPart) ? `${plainFraction}0` : plainFraction;
  const grouped = separator ? groupThousands(intPart, separator) : intPart;
  return `${negative ? '-' : ''}${grouped}${fracPart ? `.${fracPart}` : ''}`;
}

function groupThousands(digits: string, separator: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

function roundTo(value: number, decimals: number): number {
  // Rounding through exponent text avoids the binary drift of value * 10 ** decimals.
  const shifted = Math.round(Number(`${value}e${decimals}`));
  const result = Number(`${shifted}e-${decimals}`);
  return Object.is(result, -0) ? 0 : result;
}

/**
 * JavaScript's shortest round-trip text for a number, with any `e` notation expanded into plain
 * digits (`1e21` → `1000000000000000000000`, `1e-7` → `0.0000001`), so it can be grouped.
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(\d)(?:\.(\d+))?e([-+]\d+)$/.exec(text);
  if (!match) return text;
  const digits = `${match[1]}${match[2] ?? ''}`;
  const exponent = Number(match[3]);
  if (exponent >= 0) {
    const zeros = exponent - (digits.length - 1);
    return zeros >= 0
      ? digits + '0'.repeat(zeros)
      : `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  }
  return `0.${'0'.repeat(-exponent - 1)}${digits}`;
}
