import { usableHistory } from './time.ts';
import type { CheckIn } from './types.ts';

export interface ConfidenceReading {
  /** The newest confidence given, 0..10, or null if none was ever given. */
  latest: number | null;
  /** The confidence given before that one. */
  previous: number | null;
  /** latest − previous, or null when either is missing. */
  change: number | null;
  /** When the latest confidence was given. */
  latestAt: Date | null;
}

/**
 * Latest confidence and its trend. Check-ins without a confidence are skipped rather than read as a
 * change, since people often update the number without re-rating their confidence.
 */
export function readConfidence(checkIns: readonly CheckIn[] | undefined, asOf?: Date): ConfidenceReading {
  const rated = usableHistory(checkIns, asOf).filter(
    (c): c is CheckIn & { confidence: number } =>
      typeof c.confidence === 'number' && Number.isFinite(c.confidence),
  );
  const latest = clampConfidence(rated.at(-1)?.confidence);
  const previous = clampConfidence(rated.at(-2)?.confidence);
  return {
    latest,
    previous,
    change: latest !== null && previous !== null ? latest - previous : null,
    latestAt: rated.at(-1)?.at ?? null,
  };
}

function clampConfidence(value: number | undefined): number | null {
  return value === undefined ? null : Math.min(10, Math.max(0, value));
}
