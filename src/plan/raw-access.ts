/**
 * Defensive readers for plan data that has not passed the schema yet. Semantic checks use them so
 * they can judge the parts of a file that are fine even when other parts are broken, and so report
 * every problem in one go instead of making people fix-and-retry one error at a time.
 */
import type { z } from 'zod';

export type PathKey = string | number;
export type Path = readonly PathKey[];
export type RawRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function records(value: unknown): RawRecord[] {
  // Keep positions (non-records become empty records) so indices in paths stay truthful.
  return Array.isArray(value) ? value.map((v) => (isRecord(v) ? v : {})) : [];
}

export function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** The value as the schema would produce it, or undefined when it is missing or invalid. */
export function readAs<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

/**
 * Remove null and blank values from mappings: in YAML `parent:` with nothing after it, and in CSV
 * an empty cell, both mean "not given", and treating them so keeps YAML and CSV behaviour identical.
 */
export function dropBlanks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropBlanks);
  if (!isRecord(value)) return value;
  const out: RawRecord = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    out[key] = dropBlanks(v);
  }
  return out;
}

/** `objectives[3].key_results[1].target` — the notation used in every problem report. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}
