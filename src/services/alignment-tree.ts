// The alignment tree of a cycle as people read it: company objectives, what is aligned under them, each with
// its status, and quality marks for gaps (no key results, not aligned). Optionally narrowed to a team or a
// person, keeping the ancestors of what matches so every objective is still seen in its place.
import type { Db } from '../db/client.ts';
import type { StatusLevel } from '../domain/status/index.ts';
import { evaluateCycle, type ObjectiveNode } from './portfolio-status.ts';

export type TreeFilter =
  | { kind: 'all' }
  | { kind: 'team'; teamId: number }
  | { kind: 'person'; slackUserId: string };

/** What a key result measures, with the figures that matter for its kind (the tree, Home and show read them). */
export interface KeyResultFigures {
  kind: string;
  unit: string;
  start: number;
  target: number;
  /** The value known now (the current value or the newest check-in), null when nothing is known. */
  value: number | null;
  milestonesDone: number;
  milestonesTotal: number;
}

/** A key result row's figures, with the value known now (null when nothing is known). */
export function figuresOf(
  row: {
    kind: string;
    unit: string;
    startValue: number;
    targetValue: number;
    milestones: readonly { done: boolean }[];
  },
  value: number | null,
): KeyResultFigures {
  return {
    kind: row.kind,
    unit: row.unit,
    start: row.startValue,
    target: row.targetValue,
    value,
    milestonesDone: row.milestones.filter((m) => m.done).length,
    milestonesTotal: row.milestones.length,
  };
}

export interface TreeKeyResult {
  ref: string;
  title: string;
  ownerSlackId: string | null;
  /** Raw progress (over-achievement kept), null when nothing is measured yet. */
  progress: number | null;
  status: StatusLevel;
  reason: string | undefined;
  figures: KeyResultFigures;
}

export const MARK_NO_KEY_RESULTS = 'no key results yet';
export const MARK_NOT_ALIGNED = 'not aligned to a company objective';

export interface TreeObjective {
  ref: string;
  title: string;
  level: string;
  teamName: string | null;
  ownerSlackId: string | null;
  /** 0 for the top of the tree, 1 for what is aligned under it, and so on. */
  depth: number;
  progress: number | null;
  status: StatusLevel;
  reason: string | undefined;
  /** Shown only to place a filtered objective in the tree: its key results and marks are left out. */
  context: boolean;
  marks: string[];
  keyResults: TreeKeyResult[];
}

export interface AlignmentTree {
  cycleName: string;
  /** In display order: each objective followed by what is aligned under it. */
  objectives: TreeObjective[];
}

export async function alignmentTree(
  db: Db,
  workspaceId: number,
  cycleId: number,
  now: Date,
  filter: TreeFilter = { kind: 'all' },
): Promise<AlignmentTree> {
  const [status, figures] = await Promise.all([
    evaluateCycle(db, workspaceId, cycleId, now),
    loadKeyResultFigures(db, workspaceId, cycleId),
  ]);
  // Company objectives lead; objectives aligned to nothing follow, since that is where gaps are.
  const roots = [...status.roots].sort((a, b) => rank(a) - rank(b));
  const objectives: TreeObjective[] = [];
  const visit = (node: ObjectiveNode, depth: number, underCompany: boolean): boolean => {
    const entryAt = objectives.length;
    const own = ownMatch(node, filter);
    objectives.push(toTreeObjective(node, depth, underCompany, own, filter, figures));
    let anyBelow = false;
    const companyAbove = underCompany || node.level === 'company';
    for (const child of node.children) anyBelow = visit(child, depth + 1, companyAbove) || anyBelow;
    if (own === 'none' && !anyBelow) {
      objectives.splice(entryAt);
      return false;
    }
    return true;
  };
  for (const root of roots) visit(root, 0, false);
  return { cycleName: status.cycle.name, objectives };
}

const rank = (node: ObjectiveNode) => (node.level === 'company' ? 0 : 1);

/** How an objective matches the filter: entirely, only through key results the person owns, or not. */
type Match = 'full' | 'own_key_results' | 'none';

function ownMatch(node: ObjectiveNode, filter: TreeFilter): Match {
  if (filter.kind === 'all') return 'full';
  if (filter.kind === 'team') return node.teamId === filter.teamId ? 'full' : 'none';
  if (node.ownerSlackId === filter.slackUserId) return 'full';
  return node.keyResults.some((kr) => kr.ownerSlackId === filter.slackUserId) ? 'own_key_results' : 'none';
}

function toTreeObjective(
  node: ObjectiveNode,
  depth: number,
  underCompany: boolean,
  match: Match,
  filter: TreeFilter,
  figures: Map<number, KeyResultFigures>,
): TreeObjective {
  const context = match === 'none';
  const keyResults =
    match === 'none'
      ? []
      : node.keyResults.filter(
          (kr) => match === 'full' || (filter.kind === 'person' && kr.ownerSlackId === filter.slackUserId),
        );
  const marks: string[] = [];
  if (!context && node.keyResults.length === 0) marks.push(MARK_NO_KEY_RESULTS);
  if (!context && node.level !== 'company' && !underCompany) marks.push(MARK_NOT_ALIGNED);
  return {
    ref: node.ref,
    title: node.title,
    level: node.level,
    teamName: node.teamName,
    ownerSlackId: node.ownerSlackId,
    depth,
    progress: node.status.progress,
    status: node.status.status,
    reason: node.status.reasons[0],
    context,
    marks,
    keyResults: keyResults.map((kr) => treeKeyResult(kr, figures)),
  };
}

/** A key result of an evaluated objective, with the figures a reader needs. */
export function treeKeyResult(
  kr: ObjectiveNode['keyResults'][number],
  figures: Map<number, KeyResultFigures>,
): TreeKeyResult {
  return {
    ref: kr.ref,
    title: kr.title,
    ownerSlackId: kr.ownerSlackId,
    progress: kr.status.progress.measured ? kr.status.progress.raw : null,
    status: kr.status.status,
    reason: kr.status.reasons[0],
    figures: { ...(figures.get(kr.id) ?? UNKNOWN_FIGURES), value: kr.status.progress.value },
  };
}

const UNKNOWN_FIGURES: KeyResultFigures = {
  kind: 'increase',
  unit: '',
  start: 0,
  target: 1,
  value: null,
  milestonesDone: 0,
  milestonesTotal: 0,
};

/** What the status engine's output leaves out but a reader needs: kind, target, unit and milestone counts. */
export async function loadKeyResultFigures(
  db: Db,
  workspaceId: number,
  cycleId: number,
): Promise<Map<number, KeyResultFigures>> {
  const rows = await db.keyResult.findMany({
    where: { workspaceId, archivedAt: null, objective: { cycleId } },
    select: {
      id: true,
      kind: true,
      unit: true,
      startValue: true,
      targetValue: true,
      milestones: { select: { done: true } },
    },
  });
  return new Map(rows.map((row) => [row.id, figuresOf(row, null)]));
}
