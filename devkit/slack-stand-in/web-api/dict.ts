/**
 * Tiny helpers for the loosely typed JSON that flows through the double.
 * Slack arguments arrive as strings (form posts) or JSON values, so every read is checked.
 */
export type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string argument, or undefined. Form posts cannot send `null`, so '' means "absent". */
export function argString(args: Dict, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function argNumber(args: Dict, key: string): number | undefined {
  const value = args[key];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Slack treats `true`, `"true"` and `"1"` as true. */
export function argBoolean(args: Dict, key: string): boolean {
  const value = args[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}
