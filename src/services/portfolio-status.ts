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
  status: ObjectiveStatus;
  keyResults: Array<{
    id: number;
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

/**
 * Objectives per query. Prisma loads an include with an IN list of the parents' ids, so a whole large cycle in
 * one findMany passes SQLite's bound-parameter limit (10,000 key results' check-ins); 100 objectives keep every
 * list in the hundreds.
 */
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
    keyResults: {
      where: { archivedAt: null },
      orderBy: { number: 'asc' },
      include: { ...KEY_RESULT_STATUS_INCLUDE, owner: { select: { slackUserId: true } } },
    },
  } as const;
  const loadChunk = (chunk: number[]) =>
    db.objective.findMany({ where: { workspaceId, cycleId, archivedAt: null, id: { in: chunk } }, include });
  const loadRows = async () => {
    const where = { workspaceId, cycleId, archivedAt: null };
    const all = await db.objective.findMany({ where, select: { id: true, parentId: true } });
    const ids = options.treeOf === undefined ? all.map((row) => row.id) : treeIds(all, options.treeOf);
    const chunks: number[][] = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) chunks.push(ids.slice(i, i + ID_CHUNK));
    const parts: Array<Awaited<ReturnType<typeof loadChunk>>> = [];
    // One chunk at a time: SQLite serialises them anyway, and memory stays at one chunk's rows in flight.
    for (const chunk of chunks) parts.push(await loadChunk(chunk));
    return parts.flat().sort((a, b) => a.number - b.number);
  };
  const [workspace, cycle, rows] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId } }),
    db.cycle.findUniqueOrThrow({ where: { id: cycleId } }),
    loadRows(),
  ]);
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
    keyResults: row.keyResults.map(keyResultInput),
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
      status,
      keyResults: row.keyResults.map((kr, i) => ({
        id: kr.id,
        ref: formatShortId('key_result', kr.number),
        title: kr.title,
        ownerSlackId: kr.owner?.slackUserId ?? null,
        unit: kr.unit,
        status: status.keyResults[i] ?? evaluateKeyResult(keyResultInput(kr), cycleDomain, now, settings),
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
  return evaluateKeyResult(
    keyResultInput(kr),
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
