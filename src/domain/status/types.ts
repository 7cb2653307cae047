/**
 * Input and output shapes of the status engine. Everything here is plain data so the engine stays
 * pure: callers load key results, KPIs and check-ins from wherever they live and pass "now" in.
 */

/** How a key result is measured. "decrease" and "stay_below" are the lower-is-better kinds. */
export type KeyResultKind = 'increase' | 'decrease' | 'stay_above' | 'stay_below' | 'boolean' | 'milestone';

/** The shape of the plan over the cycle: how much progress should exist at each moment. */
export type ProgressCurve = 'linear' | 'back_loaded' | 'front_loaded';

export interface Milestone {
  title: string;
  /** Relative importance among the key result's milestones; non-positive weights count as 1. */
  weight: number;
  done: boolean;
}

/** A stretch the owner was excused from checking in (a pause or a skipped week): not silence. */
export interface ExcusedSpan {
  start: Date;
  end: Date;
}

export interface CheckIn {
  at: Date;
  value: number;
  /** The owner's confidence that the key result will be met, 0 (none) to 10 (certain). */
  confidence?: number;
}

export interface KeyResult {
  id: string;
  title: string;
  kind: KeyResultKind;
  start: number;
  target: number;
  /** The latest known value; when null the newest check-in's value is used instead. */
  current: number | null;
  /** Relative importance inside its objective; must be > 0, defaults to 1. */
  weight?: number;
  /** Defaults to linear. */
  curve?: ProgressCurve;
  /** Only read for the milestone kind. */
  milestones?: readonly Milestone[];
  /** Check-in history, in any order. Entries with invalid dates or non-finite values are ignored. */
  checkIns?: readonly CheckIn[];
  /** When the key result was created; silence is counted from then if it came after the cycle start. */
  createdAt?: Date;
  /** How the owner's confidence has matched outcomes in finished cycles; the prior when absent. */
  calibration?: ConfidenceCalibration;
  /** When the owner was paused or skipped a week: silence then does not make the key result stale. */
  excused?: readonly ExcusedSpan[];
}

export interface Objective {
  id: string;
  title: string;
  /** Weight of this objective when it rolls up into a parent objective or a portfolio; defaults to 1. */
  weight?: number;
  keyResults: readonly KeyResult[];
  /** Objectives aligned under this one; each counts as one weighted unit next to the key results. */
  children?: readonly Objective[];
}

export interface Cycle {
  start: Date;
  /** An end before the start is treated as a zero-length cycle ending at the start. */
  end: Date;
}

export type KpiDirection = 'higher_is_better' | 'lower_is_better';
export type KpiCadence = 'weekly' | 'monthly';

export interface KpiReading {
  at: Date;
  value: number;
}

export interface Kpi {
  id: string;
  title: string;
  direction: KpiDirection;
  target: number;
  /** Higher is better: value >= green is green. Lower is better: value <= green is green. */
  green: number;
  /** Higher is better: value >= amber (but below green) is amber. Mirrored for lower is better. */
  amber: number;
  readings: readonly KpiReading[];
  cadence: KpiCadence;
  /** The unit values are written with in reasons (formatAmount): "%", "$", "ms". */
  unit?: string;
  /** When the owner was paused or skipped a week: those periods are not missed readings. */
  excused?: readonly ExcusedSpan[];
}

/** Ordered from best to worst; see status-level.ts for comparisons. */
export type StatusLevel = 'on_track' | 'at_risk' | 'off_track';

/** Machine-readable name of one piece of evidence behind a status. */
export type SignalCode =
  | 'not_started'
  | 'progress_gap'
  | 'no_progress_data'
  | 'done'
  | 'not_done'
  | 'limit_share'
  | 'limit_breached'
  | 'confidence'
  | 'stale'
  | 'never_checked_in'
  | 'forecast'
  | 'calibration'
  | 'direction_mismatch'
  | 'objective_units'
  | 'objective_empty'
  | 'kpi_band'
  | 'kpi_stale'
  | 'kpi_no_readings';

/** One piece of evidence: how bad it says things are, a plain-English sentence, and the numbers. */
export interface StatusSignal {
  code: SignalCode;
  /** The status this evidence alone would justify; the overall status is the worst of them. */
  status: StatusLevel;
  text: string;
  data: Readonly<Record<string, number | string | boolean | null>>;
  /** Evidence that was weighed into a deciding signal: shown as a reason, but not itself decisive. */
  advisory?: boolean;
}

export interface StatusVerdict {
  status: StatusLevel;
  /** Plain-English reasons, the ones driving the status first. */
  reasons: string[];
  /** The reasons joined with " · " for a one-line digest entry. */
  summary: string;
  signals: StatusSignal[];
}

/** How an owner's (or the workspace's) ratings have related to outcomes; calibration.ts learns it. */
export interface ConfidenceCalibration {
  /** Added to confidence/10 to get the expected attainment (negative: ratings ran high). */
  bias: number;
  /** Finished key results behind the figure (the owner's own when source is 'owner'). */
  observations: number;
  /**
   * How far outcomes typically landed from the calibrated reading, in attainment (root mean square,
   * shrunk towards PRIOR_SPREAD). Small means the ratings have been a good guide.
   */
  spread: number;
  source: 'owner' | 'workspace' | 'prior';
}
