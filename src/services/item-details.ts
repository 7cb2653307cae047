// Everything `/okr show` tells about one item: its fields, its status with every reason, its history
// (check-ins or readings) and the last changes from the audit log. Read-only.
import type { Db } from '../db/client.ts';
import { recentAudit } from '../db/queries/audit.ts';
import { formatShortId } from '../domain/short-ids.ts';
import type { KeyResultStatus, KpiStatus, ObjectiveStatus, StatusLevel } from '../domain/status/index.ts';
import {
  figuresOf,
  type KeyResultFigures,
  loadKeyResultFigures,
  type TreeKeyResult,
  treeKeyResult,
} from './alignment-tree.ts';
import { type KeyResultMeasure, type KpiMeasure, keyResultMeasure, kpiMeasure } from './item-measures.ts';
import { findByShortId } from './lookup.ts';
import { evaluateCycle, evaluateKeyResultById, evaluateKpiById } from './portfolio-status.ts';
import { findRisk, type RiskView } from './risks.ts';

/** Check-ins and readings shown; older ones are counted. */
export const HISTORY_SHOWN = 12;
export const CHANGES_SHOWN = 10;

export interface Change {
  at: Date;
  /** A Slack user id, or "system" / "import". */
  actor: string;
  action: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface ObjectiveDetails {
  entity: 'objective';
  ref: string;
  title: string;
  description: string;
  level: string;
  teamName: string | null;
  ownerSlackId: string | null;
  cycleName: string;
  parent: { ref: string; title: string } | null;
  archived: boolean;
  /** Null for an archived objective: it no longer counts in its cycle. */
  status: ObjectiveStatus | null;
  /** With status when the objective is evaluated; archived objectives list theirs by title only. */
  keyResults: TreeKeyResult[];
  otherKeyResults: Array<{ ref: string; title: string }>;
  children: Array<{ ref: string; title: string; status: StatusLevel | null; progress: number | null }>;
  changes: Change[];
}

export interface CheckInEntry {
  date: Date;
  value: number;
  confidence: number | null;
  comment: string;
  authorSlackId: string | null;
}

export interface KeyResultDetails extends KeyResultMeasure {
  entity: 'key_result';
  ref: string;
  title: string;
  objective: { ref: string; title: string };
  ownerSlackId: string | null;
  milestones: Array<{ position: number; title: string; done: boolean }>;
  archived: boolean;
  status: KeyResultStatus;
  figures: KeyResultFigures;
  /** Newest first. */
  checkIns: CheckInEntry[];
  earlierCheckIns: number;
  changes: Change[];
}

export interface KpiDetails extends KpiMeasure {
  entity: 'kpi';
  ref: string;
  title: string;
  ownerSlackId: string | null;
  teamName: string | null;
  archived: boolean;
  status: KpiStatus;
  /** Newest first. */
  readings: Array<{ period: string; date: Date; value: number }>;
  earlierReadings: number;
  changes: Change[];
}

export interface RiskDetails {
  entity: 'risk';
  risk: RiskView;
  changes: Change[];
}

export type ItemDetails = ObjectiveDetails | KeyResultDetails | KpiDetails | RiskDetails;

export async function itemDetails(
  db: Db,
  workspaceId: number,
  text: string,
  now: Date,
): Promise<{ ok: true; item: ItemDetails } | { ok: false; error: string }> {
  const found = await findByShortId(db, workspaceId, text);
  if (!found.ok) return found;
  const { entity, id } = found.found;
  const changes = await changesOf(db, workspaceId, entity, id);
  switch (entity) {
    case 'objective':
      return { ok: true, item: await objectiveDetails(db, workspaceId, id, now, changes) };
    case 'key_result':
      return { ok: true, item: await keyResultDetails(db, id, now, changes) };
    case 'kpi':
      return { ok: true, item: await kpiDetails(db, id, now, changes) };
    case 'risk': {
      const risk = await findRisk(db, workspaceId, formatShortId('risk', found.found.number));
      if (!risk.ok) return { ok: false, error: `There is no ${text.trim().toUpperCase()}.` };
      return { ok: true, item: { entity: 'risk', risk: risk.value, changes } };
    }
  }
}

async function changesOf(
  db: Db,
  workspaceId: number,
  entityType: string,
  entityId: number,
): Promise<Change[]> {
  const rows = await recentAudit(db, workspaceId, entityType, entityId, CHANGES_SHOWN);
  return rows.map((row) => ({
    at: row.createdAt,
    actor: row.actor,
    action: row.action,
    before: parseFields(row.before),
    after: parseFields(row.after),
  }));
}

function parseFields(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

async function objectiveDetails(
  db: Db,
  workspaceId: number,
  id: number,
  now: Date,
  changes: Change[],
): Promise<ObjectiveDetails> {
  const row = await db.objective.findUniqueOrThrow({
    where: { id },
    include: {
      team: { select: { name: true } },
      owner: { select: { slackUserId: true } },
      cycle: { select: { name: true } },
      parent: { select: { number: true, title: true } },
      keyResults: { orderBy: { number: 'asc' }, select: { number: true, title: true, archivedAt: true } },
      children: {
        where: { archivedAt: null },
        orderBy: { number: 'asc' },
        select: { id: true, number: true, title: true },
      },
    },
  });
  const archived = row.archivedAt !== null;
  // Archived objectives are left out of their cycle's evaluation, and so get no status.
  const [cycle, figures] = archived
    ? [undefined, new Map<number, KeyResultFigures>()]
    : await Promise.all([
        evaluateCycle(db, workspaceId, row.cycleId, now, { below: id }),
        loadKeyResultFigures(db, workspaceId, row.cycleId),
      ]);
  const node = cycle?.objectives.get(id);
  const evaluated = new Set(node?.keyResults.map((kr) => kr.ref) ?? []);
  return {
    entity: 'objective',
    ref: formatShortId('objective', row.number),
    title: row.title,
    description: row.description,
    level: row.level,
    teamName: row.team?.name ?? null,
    ownerSlackId: row.owner?.slackUserId ?? null,
    cycleName: row.cycle.name,
    parent: row.parent
      ? { ref: formatShortId('objective', row.parent.number), title: row.parent.title }
      : null,
    archived,
    status: node?.status ?? null,
    keyResults: node?.keyResults.map((kr) => treeKeyResult(kr, figures)) ?? [],
    otherKeyResults: row.keyResults
      .map((kr) => ({
        ref: formatShortId('key_result', kr.number),
        title: `${kr.title}${kr.archivedAt ? ' (archived)' : ''}`,
      }))
      .filter((kr) => !evaluated.has(kr.ref)),
    children: row.children.map((child) => {
      const evaluatedChild = cycle?.objectives.get(child.id);
      return {
        ref: formatShortId('objective', child.number),
        title: child.title,
        status: evaluatedChild?.status.status ?? null,
        progress: evaluatedChild?.status.progress ?? null,
      };
    }),
    changes,
  };
}

async function keyResultDetails(db: Db, id: number, now: Date, changes: Change[]): Promise<KeyResultDetails> {
  const [row, status, checkInCount] = await Promise.all([
    db.keyResult.findUniqueOrThrow({
      where: { id },
      include: {
        objective: { select: { number: true, title: true } },
        owner: { select: { slackUserId: true } },
        milestones: { orderBy: { position: 'asc' } },
        checkIns: {
          orderBy: [{ date: 'desc' }, { id: 'desc' }],
          take: HISTORY_SHOWN,
          include: { author: { select: { slackUserId: true } } },
        },
      },
    }),
    evaluateKeyResultById(db, id, now),
    db.checkIn.count({ where: { keyResultId: id } }),
  ]);
  return {
    entity: 'key_result',
    ref: formatShortId('key_result', row.number),
    title: row.title,
    objective: { ref: formatShortId('objective', row.objective.number), title: row.objective.title },
    ownerSlackId: row.owner?.slackUserId ?? null,
    ...keyResultMeasure(row),
    milestones: row.milestones.map((m) => ({ position: m.position, title: m.title, done: m.done })),
    archived: row.archivedAt !== null,
    status,
    figures: figuresOf(row, status.progress.value),
    checkIns: row.checkIns.map((c) => ({
      date: c.date,
      value: c.value,
      confidence: c.confidence,
      comment: c.comment,
      authorSlackId: c.author?.slackUserId ?? null,
    })),
    earlierCheckIns: Math.max(0, checkInCount - row.checkIns.length),
    changes,
  };
}

async function kpiDetails(db: Db, id: number, now: Date, changes: Change[]): Promise<KpiDetails> {
  const [row, status, readingCount] = await Promise.all([
    db.kpi.findUniqueOrThrow({
      where: { id },
      include: {
        owner: { select: { slackUserId: true } },
        team: { select: { name: true } },
        readings: { orderBy: [{ date: 'desc' }, { id: 'desc' }], take: HISTORY_SHOWN },
      },
    }),
    evaluateKpiById(db, id, now),
    db.kpiReading.count({ where: { kpiId: id } }),
  ]);
  return {
    entity: 'kpi',
    ref: formatShortId('kpi', row.number),
    title: row.title,
    ownerSlackId: row.owner?.slackUserId ?? null,
    teamName: row.team?.name ?? null,
    ...kpiMeasure(row),
    archived: row.archivedAt !== null,
    status,
    readings: row.readings.map((r) => ({ period: r.period, date: r.date, value: r.value })),
    earlierReadings: Math.max(0, readingCount - row.readings.length),
    changes,
  };
}
