// The status engine: pure functions from key results, KPIs, check-ins and "now" to statuses with
// reasons, forecasts, flag decisions and risk scores. No I/O and no clock reads.
export {
  type ConfidenceCalibration,
  describeCalibration,
  expectedFromConfidence,
  type FinishedOutcome,
  finishedOutcomeOf,
  learnCalibration,
  PRIOR_CALIBRATION,
} from './calibration.ts';
export { type ConfidenceReading, readConfidence } from './confidence.ts';
export { describeStatusRules } from './describe-rules.ts';
export { curveAt, expectedProgress } from './expected-progress.ts';
export {
  decideFlag,
  type FlagDecision,
  type FlagKind,
  type FlagSubject,
  flagEpisodeKey,
  inGracePeriod,
} from './flag-decision.ts';
export { type Forecast, type ForecastMethod, forecastKeyResult } from './forecast.ts';
export { evaluateKeyResult, gapToStatus, type KeyResultStatus } from './key-result-status.ts';
export { evaluateKpi, type KpiBand, type KpiStatus, kpiBand, periodsBetween } from './kpi-status.ts';
export { evaluateObjective, type ObjectiveStatus, type StatusDriver } from './objective-status.ts';
export { curveWords, type Outlook, weighOutlook } from './outlook.ts';
export {
  capProgress,
  effectiveWeight,
  isDone,
  type KeyResultProgress,
  keyResultProgress,
  meetsLimit,
  milestoneShare,
  observedValue,
  towardTargetProgress,
} from './progress.ts';
export { type Risk, type RiskRating, rankOpenRisks, riskScore, shouldEscalate } from './risk.ts';
export { objectiveProgress, objectiveProgressOrNull, portfolioProgress, weightedMean } from './rollup.ts';
export { DEFAULT_STATUS_SETTINGS, resolveStatusSettings, type StatusSettings } from './settings.ts';
export { keyResultStaleness, type Staleness } from './staleness.ts';
export {
  better,
  isWorse,
  parseStatusLevel,
  STATUS_LEVELS,
  severity,
  statusLabel,
  worse,
  worstOf,
} from './status-level.ts';
export { theilSen } from './theil-sen.ts';
export { elapsedShare } from './time.ts';
export type {
  CheckIn,
  Cycle,
  KeyResult,
  KeyResultKind,
  Kpi,
  KpiCadence,
  KpiDirection,
  KpiReading,
  Milestone,
  Objective,
  ProgressCurve,
  SignalCode,
  StatusLevel,
  StatusSignal,
  StatusVerdict,
} from './types.ts';
