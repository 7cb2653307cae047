import { z } from 'zod';
import { zParsed } from './zod-number.ts';

/**
 * Confidence is a whole number from 0 (no chance) to 10 (certain). People also write it as a score
 * out of ten ("7/10"), so we accept that form too but nothing fancier: "70%" or "7.5" would suggest a
 * precision the weekly check-in does not have.
 */
export const CONFIDENCE_MIN = 0;
export const CONFIDENCE_MAX = 10;

export type ConfidenceResult = { ok: true; value: number } | { ok: false; error: string };

const EXPECTED = 'expected a confidence from 0 to 10 (e.g. 7 or 7/10)';

export function parseConfidence(input: string | number): ConfidenceResult {
  if (typeof input === 'number') return checkScore(input, String(input));
  const text = input.trim();
  const match = /^(\d{1,2})(?:\s*\/\s*(\d{1,2}))?$/.exec(text);
  if (!match) return { ok: false, error: `${EXPECTED} but got "${text}"` };
  if (match[2] !== undefined && match[2] !== '10') {
    return {
      ok: false,
      error: `confidence is scored out of 10, so write "${match[1]}/10" rather than "${text}"`,
    };
  }
  return checkScore(Number(match[1]), text);
}

function checkScore(value: number, text: string): ConfidenceResult {
  if (!Number.isInteger(value) || value < CONFIDENCE_MIN || value > CONFIDENCE_MAX) {
    return { ok: false, error: `${EXPECTED} but got "${text}"` };
  }
  return { ok: true, value };
}

/** zod schema: a number or text such as "7/10" in, an integer 0–10 out. */
export function zConfidence() {
  return zParsed([z.number(), z.string()], EXPECTED, parseConfidence);
}
