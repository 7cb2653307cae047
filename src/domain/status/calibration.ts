/**
 * How far an owner's confidence has matched reality, learnt from finished cycles.
 *
 * A confidence rating of c/10 is read as an expected attainment of c/10 plus a bias. The bias is the
 * average of (final attainment − confidence/10) over finished key results, shrunk towards a prior so
 * that one lucky or unlucky cycle does not decide it:
 * - the workspace's bias shrinks towards PRIOR_BIAS with the weight of WORKSPACE_PRIOR_STRENGTH
 *   finished key results;
 * - an owner's bias shrinks towards the workspace's with the weight of OWNER_PRIOR_STRENGTH.
 * With no history at all the prior holds: c/10 + PRIOR_BIAS. Owners rate the chance of meeting the
 * target, and someone who says 8 usually expects to get most of the way, hence a small lift.
 */

import { keyResultProgress } from './progress.ts';
import { cycleBounds, usableHistory } from './time.ts';
import type { ConfidenceCalibration, Cycle, KeyResult } from './types.ts';

export type { ConfidenceCalibration } from './types.ts';

/** One finished key result: the owner's average confidence during its cycle, and how it ended. */
export interface FinishedOutcome {
  owner: string | null;
  /** Mean of the confidence ratings given during the cycle, 0–10. */
  confidence: number;
  /** Final attainment, 1 = target met. */
  final: number;
}

export const PRIOR_BIAS = 0.1;
export const WORKSPACE_PRIOR_STRENGTH = 4;
/** Before any history, a rating is assumed to land within about 20 points of its reading. */
export const PRIOR_SPREAD = 0.2;
export const OWNER_PRIOR_STRENGTH = 2;
/** Outcomes beyond 150% say little more about confidence than 150% does. */
const FINAL_CAP = 1.5;

export const PRIOR_CALIBRATION: Readonly<ConfidenceCalibration> = Object.freeze({
  bias: PRIOR_BIAS,
  observations: 0,
  spread: PRIOR_SPREAD,
  source: 'prior',
});

function errors(outcomes: readonly FinishedOutcome[]): number[] {
  return outcomes
    .filter((o) => Number.isFinite(o.confidence) && Number.isFinite(o.final))
    .map((o) => Math.min(FINAL_CAP, Math.max(0, o.final)) - Math.min(10, Math.max(0, o.confidence)) / 10);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The calibration for one owner (or the workspace's, for owner null or an owner with no history). */
export function learnCalibration(
  outcomes: readonly FinishedOutcome[],
  owner: string | null,
): ConfidenceCalibration {
  const all = errors(outcomes);
  if (all.length === 0) return { ...PRIOR_CALIBRATION };
  const workspaceBias =
    (sum(all) + WORKSPACE_PRIOR_STRENGTH * PRIOR_BIAS) / (all.length + WORKSPACE_PRIOR_STRENGTH);
  const workspaceSpread = spreadOf(all, workspaceBias, PRIOR_SPREAD, WORKSPACE_PRIOR_STRENGTH);
  const own = owner === null ? [] : errors(outcomes.filter((o) => o.owner === owner));
  if (own.length === 0) {
    return { bias: workspaceBias, observations: all.length, spread: workspaceSpread, source: 'workspace' };
  }
  const bias = (sum(own) + OWNER_PRIOR_STRENGTH * workspaceBias) / (own.length + OWNER_PRIOR_STRENGTH);
  const spread = spreadOf(own, bias, workspaceSpread, OWNER_PRIOR_STRENGTH);
  return { bias, observations: own.length, spread, source: 'owner' };
}

/** Root mean square of the residuals, with `strength` pseudo-observations at the prior spread. */
function spreadOf(errs: readonly number[], bias: number, prior: number, strength: number): number {
  const squares = sum(errs.map((e) => (e - bias) ** 2));
  return Math.sqrt((squares + strength * prior * prior) / (errs.length + strength));
}

/**
 * How much a rating can be leaned on, 0..1: 1 when ratings have landed within PRIOR_SPREAD of
 * their reading, less as outcomes have scattered around them.
 */
export function ratingReliability(calibration: ConfidenceCalibration): number {
  return Math.min(1, PRIOR_SPREAD / Math.max(calibration.spread, 1e-6));
}

/** The attainment a confidence rating points to, once calibrated (0..1.5). */
export function expectedFromConfidence(confidence: number, calibration: ConfidenceCalibration): number {
  return Math.min(FINAL_CAP, Math.max(0, confidence / 10 + calibration.bias));
}

/** Plain words for a calibration, e.g. "the owner's past ratings ran 30 points high (6 finished key results)". */
export function describeCalibration(calibration: ConfidenceCalibration): string {
  if (calibration.source === 'prior')
    return 'confidence read with the default calibration (no finished cycles yet)';
  const points = Math.round(Math.abs(calibration.bias) * 100);
  const whose = calibration.source === 'owner' ? "the owner's" : "this workspace's";
  const n = `${calibration.observations} finished key result${calibration.observations === 1 ? '' : 's'}`;
  const scattered = ratingReliability(calibration) < 0.7 ? ', and outcomes scattered widely around them' : '';
  if (points < 5) return `${whose} past ratings matched outcomes on average (${n})${scattered}`;
  return `${whose} past ratings ran ${points} points ${calibration.bias < 0 ? 'high' : 'low'} (${n})${scattered}`;
}

/**
 * What a finished cycle's key result says about its owner's ratings: the mean confidence given
 * during the cycle against the attainment at its end. Null when it was never rated (nothing to learn)
 * or the cycle has not ended at `now`.
 */
export function finishedOutcomeOf(
  kr: KeyResult,
  cycle: Cycle,
  owner: string | null,
  now: Date,
): FinishedOutcome | null {
  const { endMs } = cycleBounds(cycle);
  if (now.getTime() < endMs) return null;
  const end = new Date(endMs);
  const ratings = usableHistory(kr.checkIns, end)
    .map((c) => c.confidence)
    .filter((c): c is number => typeof c === 'number' && Number.isFinite(c));
  if (ratings.length === 0) return null;
  const progress = keyResultProgress(kr, end);
  if (!progress.measured) return null;
  return { owner, confidence: ratings.reduce((a, b) => a + b, 0) / ratings.length, final: progress.raw };
}
