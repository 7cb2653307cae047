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
  items: z.record(z.string(), z.tuple([z.number(), z.number()])),
  history: z.array(z.object({ week: z.number(), counts: Counts.nullable(), progress: z.number() })),
});

export function parseSnapshot(text: string | null | undefined): DigestSnapshot | null {
  if (!text) return null;
  try {
    const parsed = Snapshot.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
