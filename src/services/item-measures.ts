// What a key result and a KPI measure, under the names people read. One mapping from the stored columns,
// shared by the KPI view, the detail pages (`/okr show`) and a plan import's before-and-after comparison.

/** A key result's measure as its columns hold it. */
export interface StoredKeyResultMeasure {
  kind: string;
  unit: string;
  startValue: number;
  targetValue: number;
  weight: number;
  curve: string;
}

export interface KeyResultMeasure {
  kind: string;
  unit: string;
  start: number;
  target: number;
  weight: number;
  curve: string;
}

export function keyResultMeasure(row: StoredKeyResultMeasure): KeyResultMeasure {
  return {
    kind: row.kind,
    unit: row.unit,
    start: row.startValue,
    target: row.targetValue,
    weight: row.weight,
    curve: row.curve,
  };
}

/** A KPI's measure: its columns carry the names people read. */
export interface KpiMeasure {
  unit: string;
  direction: string;
  target: number;
  green: number;
  amber: number;
  cadence: string;
}

export function kpiMeasure(row: KpiMeasure): KpiMeasure {
  return {
    unit: row.unit,
    direction: row.direction,
    target: row.target,
    green: row.green,
    amber: row.amber,
    cadence: row.cadence,
  };
}
