import { z } from 'zod';
import { checkNumber, type NumberParseOptions, parseNumber } from './parse-number.ts';

/**
 * A zod schema for numbers that may arrive as real numbers (YAML, JSON) or as text people typed
 * (CSV cells, modal inputs). Produces a plain number; failures carry parseNumber's explanation so the
 * person sees "…is ambiguous: a decimal comma or a thousands separator?" rather than "Invalid input".
 */
export function zNumberLike(opts: NumberParseOptions = {}) {
  return zParsed([z.number(), z.string()], 'expected a number', (input) =>
    typeof input === 'number' ? checkNumber(input, opts) : parseNumber(input, opts),
  );
}

/**
 * A zod schema for a value that arrives as one of the `accepted` types and is read by `parse`, whose
 * refusal is the issue's message. A missing value reads "is required (expected …)", a wrong type
 * "expected …, got …". Numbers, dates and confidences are all read this way.
 */
export function zParsed<const T extends readonly z.core.SomeType[], Out>(
  accepted: T,
  expected: string,
  parse: (input: z.output<z.ZodUnion<T>>) => { ok: true; value: Out } | { ok: false; error: string },
) {
  return z
    .union(accepted, {
      error: (issue) =>
        issue.input === undefined
          ? `is required (${expected})`
          : `${expected}, got ${describeValue(issue.input)}`,
    })
    .transform((input, ctx) => {
      const result = parse(input);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.error, input });
        return z.NEVER;
      }
      return result.value;
    });
}

/** Short, safe description of an unexpected value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}
