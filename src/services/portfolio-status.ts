// Status of everything in a cycle: objectives (with their aligned children), key results and KPIs.
import type { Db } from '../db/client.ts';
import { formatShortId } from '../domain/short-ids.ts';
import {
  evaluateKeyResult,
  evaluateKpi,
  evaluateObjective,
  type KeyResultStatus,
  type KpiStatus,
  type Objective,
  type ObjectiveStatus,
  type StatusSettings,
} from '../domain/status/index.ts';
import { loadCalibration } from './calibration.ts';
import { cycleInput, KPI_STATUS_INCLUDE, keyResultInput, kpiInput } from './status-inputs.ts';
import { loadStatusKeyResults, loadStatusObjectives, type StatusKeyResultRow } from './status-rows.ts';
import { workspaceSettings } from './stored-settings.ts';

export interface ObjectiveNode {
  id: number;
  ref: string;
  title: string;
  level: string;
  teamId: number | null;
  teamName: string | null;
  ownerSlackId: string | null;
  parentId: number | null;
  createdAt: Date;
  status: ObjectiveStatus;
  keyResults: Array<{
    id: number;
    createdAt: Date;
    ref: string;
    title: string;
    ownerSlackId: string | null;
    unit: string;
    status: KeyResultStatus;
  }>;
  children: ObjectiveNode[];
}

export interface CycleStatus {
  cycle: { id: number; name: string; start: Date; end: Date };
  /** Top of the alignment tree: objectives without a parent in this cycle. */
  roots: ObjectiveNode[];
  /** Every objective, by id. */
  objectives: Map<number, ObjectiveNode>;
  settings: StatusSettings;
}

export interface EvaluateOptions {
  /**
   * Evaluate only this objective and the objectives aligned below it (what its status is made of): what a
   * check-in on one of its key results needs to settle the key result and its objective. Without it, the
   * whole cycle.
   */
  below?: number;
}

export async function evaluateCycle(
  db: Db,
  workspaceId: number,
  cycleId: number,
  now: Date,
  options: EvaluateOptions = {},
): Promise<CycleStatus> {
  const filter = { kind: 'cycle', workspaceId, cycleId, below: options.below } as const;
  const [workspace, cycle, objectiveRows, keyResultRows, calibrationOf] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId } }),
    db.cycle.findUniqueOrThrow({ where: { id: cycleId } }),
    loadStatusObjectives(db, filter),
    loadStatusKeyResults(db, filter),
    loadCalibration(db, workspaceId, now),
  ]);
  const keyResultsOf = new Map<number, StatusKeyResultRow[]>();
  for (const kr of keyResultRows) {
    const list = keyResultsOf.get(kr.objectiveId);
    if (list) list.push(kr);
    else keyResultsOf.set(kr.objectiveId, [kr]);
  }
  const rows = objectiveRows.map((row) => ({ ...row, keyResults: keyResultsOf.get(row.id) ?? [] }));
  const input = (kr: (typeof rows)[number]['keyResults'][number]) =>
    keyResultInput(kr, calibrationOf(kr.ownerId));
  const settings = workspaceSettings(workspace.settings);
  const cycleDomain = cycleInput(cycle);
  const ids = new Set(rows.map((row) => row.id));
  const childrenOf = new Map<number, typeof rows>();
  for (const row of rows) {
    if (row.parentId !== null && ids.has(row.parentId)) {
      const siblings = childrenOf.get(row.parentId);
      if (siblings) siblings.push(row);
      else childrenOf.set(row.parentId, [row]);
    }
  }
  const domainObjective = (row: (typeof rows)[number], seen: Set<number>): Objective => ({
    id: formatShortId('objective', row.number),
    title: row.title,
    keyResults: row.keyResults.map(input),
    children: (childrenOf.get(row.id) ?? [])
      .filter((c) => !seen.has(c.id))
      .map((c) => domainObjective(c, new Set([...seen, c.id]))),
  });
  const objectives = new Map<number, ObjectiveNode>();
  const build = (row: (typeof rows)[number], status: ObjectiveStatus, seen: Set<number>): ObjectiveNode => {
    const children = (childrenOf.get(row.id) ?? []).filter((c) => !seen.has(c.id));
    const node: ObjectiveNode = {
      id: row.id,
      ref: formatShortId('objective', row.number),
      title: row.title,
      level: row.level,
      teamId: row.teamId,
      teamName: row.teamName,
      ownerSlackId: row.ownerSlackId,
      parentId: row.parentId,
      createdAt: row.createdAt,
      status,
      keyResults: row.keyResults.map((kr, i) => ({
        id: kr.id,
        createdAt: kr.createdAt,
        ref: formatShortId('key_result', kr.number),
        title: kr.title,
        ownerSlackId: kr.ownerSlackId,
        unit: kr.unit,
        status: status.keyResults[i] ?? evaluateKeyResult(input(kr), cycleDomain, now, settings),
      })),
      children: children.map((child, i) => build(child, status.children[i]!, new Set([...seen, child.id]))),
    };
    objectives.set(row.id, node);
    return node;
  };
  const roots = rows
    .filter((row) => row.parentId === null || !ids.has(row.parentId))
    .map((row) =>
      build(
        row,
        evaluateObjective(domainObjective(row, new Set([row.id])), cycleDomain, now, settings),
        new Set([row.id]),
      ),
    );
  return {
    cycle: { id: cycle.id, name: cycle.name, start: cycle.startDate, end: cycle.endDate },
    roots,
    objectives,
    settings,
  };
}

/** One key result's status, with the cycle it belongs to. */
export async function evaluateKeyResultById(
  db: Db,
  keyResultId: number,
  now: Date,
): Promise<KeyResultStatus> {
  const [kr] = await loadStatusKeyResults(db, { kind: 'key_result', id: keyResultId });
  if (!kr) throw new Error(`no key result ${keyResultId}`);
  const [cycle, workspace, calibrationOf] = await Promise.all([
    db.cycle.findUniqueOrThrow({ where: { id: kr.cycleId } }),
    db.workspace.findUniqueOrThrow({ where: { id: kr.workspaceId } }),
    loadCalibration(db, kr.workspaceId, now),
  ]);
  return evaluateKeyResult(
    keyResultInput(kr, calibrationOf(kr.ownerId)),
    cycleInput(cycle),
    now,
    workspaceSettings(workspace.settings),
  );
}

export async function evaluateKpiById(db: Db, kpiId: number, now: Date): Promise<KpiStatus> {
  const kpi = await db.kpi.findUniqueOrThrow({
    where: { id: kpiId },
    include: { ...KPI_STATUS_INCLUDE, workspace: true },
  });
  return evaluateKpi(kpiInput(kpi), now, workspaceSettings(kpi.workspace.settings));
}
