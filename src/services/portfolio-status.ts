// Status of everything in a cycle: objectives (with their aligned children), key results and KPIs.
import type { Db } from '../db/client.ts';
import { sortedBy } from '../db/queries/bounded.ts';
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
import {
  cycleInput,
  KEY_RESULT_STATUS_INCLUDE,
  KPI_STATUS_INCLUDE,
  keyResultInput,
  kpiInput,
} from './status-inputs.ts';
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

/** Objectives of one alignment tree per query: an id list far below every engine's parameter limit. */
const ID_CHUNK = 100;

export interface EvaluateOptions {
  /**
   * Evaluate only the alignment tree this objective belongs to (its top-level ancestor and everything below):
   * what a check-in on one of its key results can change. Without it, the whole cycle.
   */
  treeOf?: number;
}

export async function evaluateCycle(
  db: Db,
  workspaceId: number,
  cycleId: number,
  now: Date,
  options: EvaluateOptions = {},
): Promise<CycleStatus> {
  const include = {
    team: { select: { name: true } },
    owner: { select: { slackUserId: true } },
    // Unordered so that Prisma can split the load of a large cycle (see db/queries/bounded.ts).
    keyResults: {
      where: { archivedAt: null },
      include: { ...KEY_RESULT_STATUS_INCLUDE, owner: { select: { slackUserId: true } } },
    },
  } as const;
  const where = { workspaceId, cycleId, archivedAt: null };
  const loadRows = async () => {
    if (options.treeOf === undefined)
      return db.objective.findMany({ where, orderBy: { number: 'asc' }, include });
    const all = await db.objective.findMany({ where, select: { id: true, parentId: true } });
    const ids = treeIds(all, options.treeOf);
    const parts = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK)
      parts.push(
        await db.objective.findMany({ where: { ...where, id: { in: ids.slice(i, i + ID_CHUNK) } }, include }),
      );
    return parts.flat().sort((a, b) => a.number - b.number);
  };
  const [workspace, cycle, rows, calibrationOf] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId } }),
    db.cycle.findUniqueOrThrow({ where: { id: cycleId } }),
    loadRows(),
    loadCalibration(db, workspaceId, now),
  ]);
  for (const row of rows) row.keyResults = sortedBy(row.keyResults, (kr) => kr.number);
  const input = (kr: (typeof rows)[number]['keyResults'][number]) =>
    keyResultInput(kr, calibrationOf(kr.ownerId));
  const settings = workspaceSettings(workspace.settings);
  const cycleDomain = cycleInput(cycle);
  const ids = new Set(rows.map((row) => row.id));
  const childrenOf = new Map<number, typeof rows>();
  for (const row of rows) {
    if (row.parentId !== null && ids.has(row.parentId)) {
      childrenOf.set(row.parentId, [...(childrenOf.get(row.parentId) ?? []), row]);
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
      teamName: row.team?.name ?? null,
      ownerSlackId: row.owner?.slackUserId ?? null,
      parentId: row.parentId,
      createdAt: row.createdAt,
      status,
      keyResults: row.keyResults.map((kr, i) => ({
        id: kr.id,
        createdAt: kr.createdAt,
        ref: formatShortId('key_result', kr.number),
        title: kr.title,
        ownerSlackId: kr.owner?.slackUserId ?? null,
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

/** The objective's top-level ancestor and every objective aligned below it, by id. */
export function treeIds(
  rows: ReadonlyArray<{ id: number; parentId: number | null }>,
  objectiveId: number,
): number[] {
  const parentOf = new Map(rows.map((row) => [row.id, row.parentId]));
  let root = objectiveId;
  const climbed = new Set([root]);
  for (
    let parent = parentOf.get(root);
    parent != null && parentOf.has(parent) && !climbed.has(parent);
    parent = parentOf.get(root)
  ) {
    root = parent;
    climbed.add(root);
  }
  const childrenOf = new Map<number, number[]>();
  for (const row of rows)
    if (row.parentId !== null)
      childrenOf.set(row.parentId, [...(childrenOf.get(row.parentId) ?? []), row.id]);
  const tree = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (tree.has(id)) continue;
    tree.add(id);
    stack.push(...(childrenOf.get(id) ?? []));
  }
  return [...tree];
}

/** One key result's status, with the cycle it belongs to. */
export async function evaluateKeyResultById(
  db: Db,
  keyResultId: number,
  now: Date,
): Promise<KeyResultStatus> {
  const kr = await db.keyResult.findUniqueOrThrow({
    where: { id: keyResultId },
    include: { ...KEY_RESULT_STATUS_INCLUDE, objective: { include: { cycle: true } }, workspace: true },
  });
  const calibrationOf = await loadCalibration(db, kr.workspaceId, now);
  return evaluateKeyResult(
    keyResultInput(kr, calibrationOf(kr.ownerId)),
    cycleInput(kr.objective.cycle),
    now,
    workspaceSettings(kr.workspace.settings),
  );
}

export async function evaluateKpiById(db: Db, kpiId: number, now: Date): Promise<KpiStatus> {
  const kpi = await db.kpi.findUniqueOrThrow({
    where: { id: kpiId },
    include: { ...KPI_STATUS_INCLUDE, workspace: true },
  });
  return evaluateKpi(kpiInput(kpi), now, workspaceSettings(kpi.workspace.settings));
}
