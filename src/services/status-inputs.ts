// Database rows as the status engine's inputs. The engine is pure; this is the one place that maps.

import { sortedBy } from '../db/queries/bounded.ts';
import { formatShortId } from '../domain/short-ids.ts';
import type {
  ConfidenceCalibration,
  Cycle,
  KeyResult,
  KeyResultKind,
  Kpi,
  KpiCadence,
  KpiDirection,
  ProgressCurve,
} from '../domain/status/index.ts';

const DAY_MS = 86_400_000;

/** A cycle includes its last day, so it ends at the midnight after it. */
export function cycleInput(row: { startDate: Date; endDate: Date }): Cycle {
  return { start: row.startDate, end: new Date(row.endDate.getTime() + DAY_MS) };
}

export interface KeyResultRow {
  number: number;
  title: string;
  kind: string;
  startValue: number;
  targetValue: number;
  currentValue: number | null;
  weight: number;
  curve: string;
  createdAt?: Date;
  milestones: Array<{ position: number; title: string; weight: number; done: boolean }>;
  checkIns: Array<{ id: number; date: Date; createdAt: Date; value: number; confidence: number | null }>;
}

/** `calibration` reads the owner's ratings (see services/calibration.ts); the prior when absent. */
export function keyResultInput(row: KeyResultRow, calibration?: ConfidenceCalibration): KeyResult {
  return {
    ...(calibration ? { calibration } : {}),
    ...(row.createdAt ? { createdAt: row.createdAt } : {}),
    id: formatShortId('key_result', row.number),
    title: row.title,
    kind: row.kind as KeyResultKind,
    start: row.startValue,
    target: row.targetValue,
    current: row.currentValue,
    weight: row.weight,
    curve: row.curve as ProgressCurve,
    milestones: sortedBy(row.milestones, (m) => m.position).map((m) => ({
      title: m.title,
      weight: m.weight,
      done: m.done,
    })),
    checkIns: sortedBy(
      row.checkIns,
      (c) => c.date,
      (c) => c.id,
    ).map((c) => ({
      at: momentOf(c.date, c.createdAt),
      value: c.value,
      ...(c.confidence !== null ? { confidence: c.confidence } : {}),
    })),
  };
}

/**
 * When a value was true. A live check-in is timed by when it was written (its date is that day);
 * imported history was written long after its date, so it counts from the middle of that day.
 */
function momentOf(day: Date, written: Date): Date {
  const lag = written.getTime() - day.getTime();
  return lag >= 0 && lag < DAY_MS * 2 ? written : new Date(day.getTime() + DAY_MS / 2);
}

export interface KpiRow {
  number: number;
  title: string;
  direction: string;
  target: number;
  green: number;
  amber: number;
  cadence: string;
  unit: string;
  readings: Array<{ id: number; date: Date; createdAt: Date; value: number }>;
}

export function kpiInput(row: KpiRow): Kpi {
  return {
    id: formatShortId('kpi', row.number),
    title: row.title,
    direction: row.direction as KpiDirection,
    target: row.target,
    green: row.green,
    amber: row.amber,
    cadence: row.cadence as KpiCadence,
    unit: row.unit,
    readings: sortedBy(
      row.readings,
      (r) => r.date,
      (r) => r.id,
    ).map((r) => ({ at: momentOf(r.date, r.createdAt), value: r.value })),
  };
}

/**
 * What to load with a key result for its status. Unordered on purpose (see db/queries/bounded.ts):
 * the mapping above puts milestones and check-ins in order.
 */
export const KEY_RESULT_STATUS_INCLUDE = { milestones: true, checkIns: true } as const;

export const KPI_STATUS_INCLUDE = { readings: true } as const;
