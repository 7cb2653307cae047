import { DEFAULT_STATUS_SETTINGS, type StatusSettings } from './settings.ts';
import type { StatusLevel } from './types.ts';

export interface RiskRating {
  /** 1 (rare) to 5 (almost certain). */
  likelihood: number;
  /** 1 (negligible) to 5 (severe). */
  impact: number;
}

export interface Risk extends RiskRating {
  id: string;
  title: string;
  /** Defaults to open. */
  state?: 'open' | 'closed';
  /** Status of the key result, objective or KPI the risk threatens, if linked. */
  linkedItemStatus?: StatusLevel | null;
}

/** Ratings outside 1–5 or fractional are rounded and clamped: the score must stay within 1–25. */
export function clampRating(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.min(5, Math.max(1, Math.round(value)));
}

/** Likelihood × impact, 1–25. */
export function riskScore(rating: RiskRating): number {
  return clampRating(rating.likelihood) * clampRating(rating.impact);
}

/**
 * Escalate a risk that is both likely and damaging (score ≥ riskEscalationScore, default 15 — for
 * example 3 × 5 or 4 × 4), or one whose linked item is already off track, since then the risk is
 * no longer hypothetical.
 */
export function shouldEscalate(
  input: { score: number; linkedItemStatus?: StatusLevel | null },
  settings: StatusSettings = DEFAULT_STATUS_SETTINGS,
): boolean {
  if (input.score >= settings.riskEscalationScore) return true;
  return settings.escalateRisksLinkedToOffTrack && input.linkedItemStatus === 'off_track';
}

/**
 * Open risks, highest score first; ties go to the higher impact (a likely nuisance matters less
 * than an unlikely disaster), then keep their input order.
 */
export function rankOpenRisks<T extends Risk>(risks: readonly T[]): (T & { score: number })[] {
  return risks
    .filter((risk) => (risk.state ?? 'open') === 'open')
    .map((risk) => ({ ...risk, score: riskScore(risk) }))
    .sort((a, b) => b.score - a.score || clampRating(b.impact) - clampRating(a.impact));
}
