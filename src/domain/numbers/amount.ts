/**
 * An amount with its unit, written one way everywhere: commands, forms, imports, status reasons, flags
 * and `/okr show` all read it with parseNumber and write it with formatAmount.
 *
 * - Currency symbols stand before the number, the sign before the currency: "-$5", "$12,000".
 * - `%` follows the number directly ("15%"); any other unit is a word after a space ("3 hours").
 * - Values are finite and within ±AMOUNT_LIMIT (10^15), so every sum, difference and ratio the status
 *   engine takes stays finite and exact to the cent; larger numbers are refused where they are typed.
 */
import { formatNumber } from './format-number.ts';

/** The largest magnitude Okra accepts for a value, a start, a target or a threshold. */
export const AMOUNT_LIMIT = 1e15;

const CURRENCIES = new Set(['$', '€', '£', '¥']);

export const isCurrency = (unit: string): boolean => CURRENCIES.has(unit);

/** "15%", "$12,000", "-€5", "340 customers", "0.33": at most two decimals, thousands grouped. */
export function formatAmount(value: number, unit: string): string {
  const number = formatNumber(value, { maxDecimals: 2 });
  if (unit === '') return number;
  if (unit === '%') return `${number}%`;
  if (isCurrency(unit)) return number.startsWith('-') ? `-${unit}${number.slice(1)}` : `${unit}${number}`;
  return `${number} ${unit}`;
}

/**
 * A symbol typed with a value that contradicts the item's unit ("15%" on a `$` key result): a question
 * to answer rather than a guess. Undefined when no symbol was typed or it agrees with the unit.
 */
export function unitMismatch(
  typedUnit: string | undefined,
  unit: string,
  typed: string,
  value: number,
): string | undefined {
  if (typedUnit === undefined || typedUnit === unit) return undefined;
  const measured = unit === '' ? 'plain numbers' : unit;
  const meant = formatAmount(value, unit);
  return `"${typed.trim()}" is in ${typedUnit}, but this is measured in ${measured}. Did you mean ${meant}? Then type ${meant}.`;
}
