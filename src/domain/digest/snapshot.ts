// Reading a stored snapshot back. It was written by an earlier version perhaps, or edited by hand: anything
// that does not look like a version-1 snapshot is treated as "no previous digest" rather than trusted.
import { z } from 'zod';
import type { DigestSnapshot } from './types.ts';

const Counts = z.object({ on_track: z.number(), at_risk: z.number(), off_track: z.number() });

const Snapshot = z.object({
  version: z.literal(1),
  period: z.string(),
  cycleId: z.number(),
  progress: z.number(),
  expected: z.number(),
  // One entry per item (12,000 in a large portfolio): checked by a plain loop, which costs a millisecond where
  // a schema per entry cost tens.
  items: z.custom<Record<string, [number, number]>>(isItems),
  history: z.array(z.object({ week: z.number(), counts: Counts.nullable(), progress: z.number() })),
});

function isItems(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const entry of Object.values(value))
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      !Number.isFinite(entry[0]) ||
      !Number.isFinite(entry[1])
    )
      return false;
  return true;
}

export function parseSnapshot(text: string | null | undefined): DigestSnapshot | null {
  if (!text) return null;
  try {
    const parsed = Snapshot.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
