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
import { type CalibrationLookup, loadCalibration } from './calibration.ts';
import { cycleInput, KPI_STATUS_INCLUDE, keyResultInput, kpiInput } from './status-inputs.ts';
import {
  loadStatusKeyResults,
  loadStatusObjectives,
  type StatusKeyResultRow,
  type StatusObjectiveRow,
} from './status-rows.ts';
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
  const [context, objectiveRows, keyResultRows] = await Promise.all([
    loadContext(db, workspaceId, cycleId, now),
    loadStatusObjectives(db, filter),
    loadStatusKeyResults(db, filter),
  ]);
  const objectives = new Map<number, ObjectiveNode>();
  const roots = evaluateRows(objectiveRows, keyResultRows, context, now, objectives);
  return { cycle: context.cycle, roots, objectives, settings: context.settings };
}

/** How many objectives (whole alignment trees) the batched evaluation reads at once. */
export const EVALUATION_BATCH_OBJECTIVES = 200;

/**
 * The whole cycle's statuses, as evaluateCycle gives them, a batch of alignment trees at a time: each batch's
 * key results and check-ins are read, evaluated and handed to `visit` (every objective of the batch, each
 * after the objectives aligned below it, as evaluateCycle's `objectives` lists them), then let go. An
 * objective's status is made of what is aligned below it alone, so no batch needs another. Memory stays
 * that of one batch whatever the size of the portfolio: what the hourly sweep needs.
 */
export async function evaluateCycleInBatches(
  db: Db,
  workspaceId: number,
  cycleId: number,
  now: Date,
  visit: (nodes: readonly ObjectiveNode[]) => void | Promise<void>,
  batchObjectives = EVALUATION_BATCH_OBJECTIVES,
): Promise<void> {
  const [context, objectiveRows] = await Promise.all([
    loadContext(db, workspaceId, cycleId, now),
    loadStatusObjectives(db, { kind: 'cycle', workspaceId, cycleId }),
  ]);
  const { roots, childrenOf } = alignment(objectiveRows);
  let batch: StatusObjectiveRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const keyResultRows = await loadStatusKeyResults(db, {
      kind: 'objectives',
      ids: batch.map((row) => row.id),
    });
    const nodes = new Map<number, ObjectiveNode>();
    evaluateRows(batch, keyResultRows, context, now, nodes);
    batch = [];
    await visit([...nodes.values()]);
    // SQLite answers synchronously, so without this the whole sweep would be one turn of the event loop:
    // between batches, requests waiting (Slack's 3-second acknowledgements) are answered.
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const root of roots) {
    // The tree under this root, as evaluateCycle walks it (a loop in the alignment is not followed).
    const tree: StatusObjectiveRow[] = [];
    const walk = (row: StatusObjectiveRow, seen: Set<number>) => {
      tree.push(row);
      for (const child of childrenOf.get(row.id) ?? [])
        if (!seen.has(child.id)) walk(child, new Set([...seen, child.id]));
    };
    walk(root, new Set([root.id]));
    if (batch.length > 0 && batch.length + tree.length > batchObjectives) await flush();
    batch.push(...tree);
  }
  await flush();
}

interface EvaluationContext {
  cycle: CycleStatus['cycle'];
  cycleDomain: ReturnType<typeof cycleInput>;
  settings: StatusSettings;
  calibrationOf: CalibrationLookup;
}

async function loadContext(
  db: Db,
  workspaceId: number,
  cycleId: number,
  now: Date,
): Promise<EvaluationContext> {
  const [workspace, cycle, calibrationOf] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId } }),
    db.cycle.findUniqueOrThrow({ where: { id: cycleId } }),
    loadCalibration(db, workspaceId, now),
  ]);
  return {
    cycle: { id: cycle.id, name: cycle.name, start: cycle.startDate, end: cycle.endDate },
    cycleDomain: cycleInput(cycle),
    settings: workspaceSettings(workspace.settings),
    calibrationOf,
  };
}

/** Top of the alignment among these rows (no parent among them), and each row's children, in row order. */
function alignment<Row extends { id: number; parentId: number | null }>(rows: readonly Row[]) {
  const ids = new Set(rows.map((row) => row.id));
  const childrenOf = new Map<number, Row[]>();
  for (const row of rows) {
    if (row.parentId !== null && ids.has(row.parentId)) {
      const siblings = childrenOf.get(row.parentId);
      if (siblings) siblings.push(row);
      else childrenOf.set(row.parentId, [row]);
    }
  }
  const roots = rows.filter((row) => row.parentId === null || !ids.has(row.parentId));
  return { roots, childrenOf };
}

/**
 * Evaluates the alignment trees of these objective rows with their key results; every node built goes into
 * `objectives` (each after its children). Returns the roots.
 */
function evaluateRows(
  objectiveRows: readonly StatusObjectiveRow[],
  keyResultRows: readonly StatusKeyResultRow[],
  context: EvaluationContext,
  now: Date,
  objectives: Map<number, ObjectiveNode>,
): ObjectiveNode[] {
  const { cycleDomain, settings, calibrationOf } = context;
  const keyResultsOf = new Map<number, StatusKeyResultRow[]>();
  for (const kr of keyResultRows) {
    const list = keyResultsOf.get(kr.objectiveId);
    if (list) list.push(kr);
    else keyResultsOf.set(kr.objectiveId, [kr]);
  }
  const rows = objectiveRows.map((row) => ({ ...row, keyResults: keyResultsOf.get(row.id) ?? [] }));
  const input = (kr: (typeof rows)[number]['keyResults'][number]) =>
    keyResultInput(kr, calibrationOf(kr.ownerId));
  const { roots, childrenOf } = alignment(rows);
  const domainObjective = (row: (typeof rows)[number], seen: Set<number>): Objective => ({
    id: formatShortId('objective', row.number),
    title: row.title,
    keyResults: row.keyResults.map(input),
    children: (childrenOf.get(row.id) ?? [])
      .filter((c) => !seen.has(c.id))
      .map((c) => domainObjective(c, new Set([...seen, c.id]))),
  });
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
  return roots.map((row) =>
    build(
      row,
      evaluateObjective(domainObjective(row, new Set([row.id])), cycleDomain, now, settings),
      new Set([row.id]),
    ),
  );
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
