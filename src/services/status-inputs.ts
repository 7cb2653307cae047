// Database rows as the status engine's inputs. The engine is pure; this is the one place that maps.

import { sortedBy } from '../db/queries/bounded.ts';
import { formatShortId } from '../domain/short-ids.ts';
import type { ConfidenceCalibration, Cycle, KeyResult, Kpi } from '../domain/status/index.ts';
import { parseKpiCadence, parseKpiDirection, parseKrCurve, parseKrKind } from '../domain/vocabulary.ts';

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
  /** The owner's check-in pauses and skipped weeks, when loaded (KEY_RESULT_STATUS_INCLUDE does). */
  owner?: { checkInPauses?: Array<{ fromDate: string; untilDate: string }> } | null;
}

/** `calibration` reads the owner's ratings (see services/calibration.ts); the prior when absent. */
export function keyResultInput(row: KeyResultRow, calibration?: ConfidenceCalibration): KeyResult {
  return {
    ...(calibration ? { calibration } : {}),
    ...(row.createdAt ? { createdAt: row.createdAt } : {}),
    id: formatShortId('key_result', row.number),
    title: row.title,
    kind: parseKrKind(row.kind),
    start: row.startValue,
    target: row.targetValue,
    current: row.currentValue,
    weight: row.weight,
    curve: parseKrCurve(row.curve),
    milestones: sortedBy(row.milestones, (m) => m.position).map((m) => ({
      title: m.title,
      weight: m.weight,
      done: m.done,
    })),
    excused: excusedSpans(row.owner?.checkInPauses),
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
  /** The owner's check-in pauses and skipped weeks, when loaded (KPI_STATUS_INCLUDE does). */
  owner?: { checkInPauses?: Array<{ fromDate: string; untilDate: string }> } | null;
}

export function kpiInput(row: KpiRow): Kpi {
  return {
    id: formatShortId('kpi', row.number),
    title: row.title,
    direction: parseKpiDirection(row.direction),
    target: row.target,
    green: row.green,
    amber: row.amber,
    cadence: parseKpiCadence(row.cadence),
    unit: row.unit,
    readings: sortedBy(
      row.readings,
      (r) => r.date,
      (r) => r.id,
    ).map((r) => ({ at: momentOf(r.date, r.createdAt), value: r.value })),
    excused: excusedSpans(row.owner?.checkInPauses),
  };
}

type PauseRows = Array<{ fromDate: string; untilDate: string }> | undefined;

/** Local dates read as UTC days: a pause is excused from the start of its first day to the end of its last. */
function excusedSpans(pauses: PauseRows) {
  return (pauses ?? []).map((pause) => ({
    start: new Date(`${pause.fromDate}T00:00:00Z`),
    end: new Date(Date.parse(`${pause.untilDate}T00:00:00Z`) + DAY_MS),
  }));
}

/** The owner's pauses and skipped weeks (check-ins: issue 10), so they do not count as silence. */
const OWNER_PAUSES = { select: { checkInPauses: { select: { fromDate: true, untilDate: true } } } } as const;

/**
 * What to load with a key result for its status. Unordered on purpose (see db/queries/bounded.ts):
 * the mapping above puts milestones and check-ins in order.
 */
export const KEY_RESULT_STATUS_INCLUDE = { milestones: true, checkIns: true, owner: OWNER_PAUSES } as const;

export const KPI_STATUS_INCLUDE = { readings: true, owner: OWNER_PAUSES } as const;
