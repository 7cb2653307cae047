import { formatPercent } from './format.ts';
import { evaluateKeyResult, type KeyResultStatus, verdict } from './key-result-status.ts';
import { effectiveWeight } from './progress.ts';
import { type WeightedUnit, weightedMean } from './rollup.ts';
import { DEFAULT_STATUS_SETTINGS, type StatusSettings } from './settings.ts';
import { compareWorstFirst, statusLabel } from './status-level.ts';
import type { Cycle, Objective, StatusLevel, StatusSignal, StatusVerdict } from './types.ts';

/** A key result or aligned child objective that pulls its objective's status down. */
export interface StatusDriver {
  type: 'key_result' | 'objective';
  id: string;
  title: string;
  status: StatusLevel;
  weight: number;
  /** This unit's share of the objective's total weight, 0..1. */
  weightShare: number;
  summary: string;
}

export interface ObjectiveStatus extends StatusVerdict {
  objectiveId: string;
  title: string;
  weight: number;
  /** Weighted capped progress, 0..1; null when there is nothing to measure. */
  progress: number | null;
  /** Weighted progress the plans expect now, 0..1; null when there is nothing to measure. */
  expected: number | null;
  /** Worst first, then heaviest first. Empty when everything is on track. */
  drivers: StatusDriver[];
  keyResults: KeyResultStatus[];
  children: ObjectiveStatus[];
}

interface Unit {
  type: StatusDriver['type'];
  id: string;
  title: string;
  status: StatusLevel;
  weight: number;
  progress: number;
  expected: number;
  summary: string;
}

/**
 * An objective's status from its key results and aligned child objectives, each one weighted unit.
 * Weight-aware share rule (rather than a mean gap) because it can always name who is responsible:
 * - off track when off-track units carry ≥ objectiveOffTrackWeightShare of the weight (default 1/3);
 * - at risk when any unit is off track, or at-risk-or-worse units carry
 *   ≥ objectiveAtRiskWeightShare of the weight (default 1/4);
 * - otherwise on track. An objective with nothing to measure is at risk: leaders should hear that
 *   it has no key results rather than see a reassuring green.
 */
export function evaluateObjective(
  objective: Objective,
  cycle: Cycle,
  now: Date,
  settings: StatusSettings = DEFAULT_STATUS_SETTINGS,
): ObjectiveStatus {
  return evaluate(objective, cycle, now, settings, new Set());
}

function evaluate(
  objective: Objective,
  cycle: Cycle,
  now: Date,
  settings: StatusSettings,
  visiting: Set<Objective>,
): ObjectiveStatus {
  visiting.add(objective);
  const keyResults = objective.keyResults.map((kr) => evaluateKeyResult(kr, cycle, now, settings));
  // A child already being evaluated up the chain is a loop in the alignment data: skip it.
  const children = (objective.children ?? [])
    .filter((child) => !visiting.has(child))
    .map((child) => evaluate(child, cycle, now, settings, visiting));
  visiting.delete(objective);

  const units: Unit[] = [
    ...keyResults.map((kr) => ({
      type: 'key_result' as const,
      id: kr.keyResultId,
      title: kr.title,
      status: kr.status,
      weight: kr.weight,
      progress: kr.progress.capped,
      expected: kr.expected,
      summary: kr.summary,
    })),
    ...children.flatMap((child) =>
      child.progress === null || child.expected === null
        ? []
        : [
            {
              type: 'objective' as const,
              id: child.objectiveId,
              title: child.title,
              status: child.status,
              weight: child.weight,
              progress: child.progress,
              expected: child.expected,
              summary: child.summary,
            },
          ],
    ),
  ];

  const base = {
    objectiveId: objective.id,
    title: objective.title,
    weight: effectiveWeight(objective.weight),
    keyResults,
    children,
  };
  if (units.length === 0) {
    const signal: StatusSignal = {
      code: 'objective_empty',
      status: 'at_risk',
      text: 'no key results yet',
      data: {},
    };
    return { ...base, progress: null, expected: null, drivers: [], ...verdict([signal]) };
  }

  const totalWeight = units.reduce((sum, u) => sum + u.weight, 0);
  const shareOf = (status: StatusLevel) =>
    units.filter((u) => u.status === status).reduce((sum, u) => sum + u.weight, 0) / totalWeight;
  const offShare = shareOf('off_track');
  const atRiskOrWorseShare = offShare + shareOf('at_risk');

  let status: StatusLevel = 'on_track';
  if (offShare >= settings.objectiveOffTrackWeightShare - 1e-9) status = 'off_track';
  else if (offShare > 0 || atRiskOrWorseShare >= settings.objectiveAtRiskWeightShare - 1e-9)
    status = 'at_risk';

  const progress =
    weightedMean(units.map((u): WeightedUnit => ({ weight: u.weight, value: u.progress }))) ?? 0;
  const expected =
    weightedMean(units.map((u): WeightedUnit => ({ weight: u.weight, value: u.expected }))) ?? 0;

  const drivers: StatusDriver[] = units
    .filter((u) => u.status !== 'on_track')
    .sort((a, b) => compareWorstFirst(a.status, b.status) || b.weight - a.weight)
    .map((u) => ({
      type: u.type,
      id: u.id,
      title: u.title,
      status: u.status,
      weight: u.weight,
      weightShare: u.weight / totalWeight,
      summary: u.summary,
    }));

  const signals: StatusSignal[] = [];
  for (const level of ['off_track', 'at_risk'] as const) {
    const named = drivers.filter((d) => d.status === level);
    if (named.length === 0) continue;
    const share = named.reduce((sum, d) => sum + d.weightShare, 0);
    signals.push({
      // Each group is tagged with the objective's status when it is what put the objective there,
      // so the verdict's ordering and worst-of logic agree with the share rule above.
      code: 'objective_units',
      status: level === 'off_track' ? status : status === 'on_track' ? 'on_track' : 'at_risk',
      text: `${statusLabel(level)}: ${named.map((d) => d.title).join(', ')} (${formatPercent(share)} of weight)`,
      data: { level, count: named.length, weightShare: share, ids: named.map((d) => d.id).join(',') },
    });
  }
  signals.push({
    code: 'progress_gap',
    status: 'on_track',
    text: `${formatPercent(progress)} done vs ${formatPercent(expected)} expected`,
    data: { progress, expected, gapPoints: Math.round((progress - expected) * 100 * 1e6) / 1e6 },
  });

  const result = verdict(signals);
  return { ...base, progress, expected, drivers, ...result, status };
}
