/**
 * Every threshold the status engine uses, in one object, so a PMO can tune them per workspace and
 * describeStatusRules() can explain exactly the numbers in force.
 */
export interface StatusSettings {
  /** Length of one check-in period in days (weekly check-ins by default). */
  checkInPeriodDays: number;

  /** At risk when actual progress is more than this many percentage points behind the plan. */
  atRiskGapPoints: number;
  /** Off track when more than this many percentage points behind the plan. */
  offTrackGapPoints: number;

  /** At risk when the latest confidence is at or below this (0–10). */
  atRiskConfidence: number;
  /** Off track when the latest confidence is at or below this (0–10). */
  offTrackConfidence: number;
  /** At risk when confidence fell by at least this much since the previous check-in that gave one. */
  confidenceDropAtRisk: number;

  /**
   * At risk after this many whole check-in periods without a check-in. For increase/decrease key
   * results a silence this long is weighed into the outlook instead of deciding on its own.
   */
  staleAtRiskPeriods: number;
  /** Off track after this many whole check-in periods without a check-in. */
  staleOffTrackPeriods: number;

  /** Yes/no key results not done once this share of the cycle has passed are at risk. */
  booleanAtRiskAfterElapsed: number;

  /** How many of the most recent check-ins the trend forecast looks at. */
  forecastWindow: number;
  /** Fewer check-ins than this and the forecast assumes the rest of the plan happens as drawn. */
  forecastMinPoints: number;
  /** Highest attainment a forecast may report for increase/decrease key results (2 = 200%). */
  forecastMaxAttainment: number;
  /** A weighed forecast below this attainment makes an increase/decrease key result at risk... */
  forecastAtRiskBelow: number;
  /** ...and below this, off track. */
  forecastOffTrackBelow: number;
  /** Trends count towards the forecast only once this share of the cycle has passed (early trends are noise). */
  forecastSignalAfterElapsed: number;

  /** An objective is off track when off-track units carry at least this share of its weight. */
  objectiveOffTrackWeightShare: number;
  /** An objective is at risk when at-risk or off-track units carry at least this share of its weight. */
  objectiveAtRiskWeightShare: number;

  /** KPIs: at risk after this many missed reporting periods (by the KPI's cadence). */
  kpiStaleAtRiskPeriods: number;
  /** KPIs: off track after this many missed reporting periods. */
  kpiStaleOffTrackPeriods: number;

  /** Risks scoring at least this (likelihood × impact, 1–25) are escalated. */
  riskEscalationScore: number;
  /** Escalate any risk linked to an off-track item, whatever its score. */
  escalateRisksLinkedToOffTrack: boolean;
}

export const DEFAULT_STATUS_SETTINGS: Readonly<StatusSettings> = Object.freeze({
  checkInPeriodDays: 7,
  atRiskGapPoints: 12,
  offTrackGapPoints: 25,
  atRiskConfidence: 6,
  offTrackConfidence: 3,
  confidenceDropAtRisk: 3,
  staleAtRiskPeriods: 2,
  staleOffTrackPeriods: 4,
  booleanAtRiskAfterElapsed: 0.8,
  forecastWindow: 4,
  forecastMinPoints: 3,
  forecastMaxAttainment: 2,
  forecastAtRiskBelow: 0.8,
  forecastOffTrackBelow: 0.5,
  forecastSignalAfterElapsed: 0.3,
  objectiveOffTrackWeightShare: 1 / 3,
  objectiveAtRiskWeightShare: 0.25,
  kpiStaleAtRiskPeriods: 2,
  kpiStaleOffTrackPeriods: 4,
  riskEscalationScore: 15,
  escalateRisksLinkedToOffTrack: true,
});

/** Fill in defaults for anything a workspace has not overridden. */
export function resolveStatusSettings(overrides: Partial<StatusSettings> = {}): StatusSettings {
  const merged: StatusSettings = { ...DEFAULT_STATUS_SETTINGS };
  for (const key of Object.keys(overrides) as (keyof StatusSettings)[]) {
    const value = overrides[key];
    // An explicit undefined (e.g. from a partially filled form) must not wipe out a default.
    if (value !== undefined) Object.assign(merged, { [key]: value });
  }
  return merged;
}
