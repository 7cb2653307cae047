// What every step of a plan import shares: the transaction, who imports, the counts so far, the problems
// found while writing, and the one rule for writing an item (compare, then create or update with an audit).
import type { Tx } from '../../db/client.ts';
import { changedFields, recordAudit } from '../../db/queries/audit.ts';
import type { PlanProblem } from '../../plan/index.ts';
import { formatPath } from '../../plan/index.ts';

export type PlanPath = readonly (string | number)[];

export const IMPORT_KINDS = [
  'cycles',
  'teams',
  'objectives',
  'keyResults',
  'kpis',
  'risks',
  'checkIns',
  'kpiReadings',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export type ImportSummary = Record<ImportKind, KindCounts>;

/** A problem with the plan, located by its path in the file (`objectives[2].key_results[0].check_ins[3].date`). */
export interface ImportProblem extends PlanProblem {
  /** The same path as keys, so a front-end can find the line in its source file. */
  at: PlanPath;
}

export function emptySummary(): ImportSummary {
  const summary = {} as ImportSummary;
  for (const kind of IMPORT_KINDS) summary[kind] = { created: 0, updated: 0, unchanged: 0 };
  return summary;
}

export function problemAt(at: PlanPath, message: string): ImportProblem {
  return { at, path: formatPath(at), message };
}

export interface ImportScope {
  tx: Tx;
  workspaceId: number;
  /** Written to the audit log: a Slack user id, or "import" for the command line. */
  actor: string;
  now: Date;
  /** Refs the importer made up for items the file left without one (they are named in problems). */
  generatedRefs: ReadonlySet<string>;
  summary: ImportSummary;
  problems: ImportProblem[];
  /** Member id for a Slack user id, creating the member row the first time someone is named. */
  memberId(slackUserId: string): Promise<number>;
  /** The same for an item's owner, who may be nobody (Slack lets objectives and key results go without one). */
  ownerId(slackUserId: string | undefined): Promise<number | null>;
}

export type Snapshot = Record<string, unknown>;

export interface Existing {
  id: number;
  /** What people see in the audit log, e.g. KR-12. */
  entityRef: string;
  snapshot: Snapshot;
}

/**
 * Writes one item the same way for every kind: nothing at all when the file says what the database already
 * holds (so a re-import leaves updatedAt and the audit log alone), otherwise the change and its audit entry.
 */
export async function settleItem(
  scope: ImportScope,
  kind: ImportKind,
  entityType: string,
  existing: Existing,
  desired: Snapshot,
  update: () => Promise<void>,
): Promise<void> {
  const diff = changedFields(existing.snapshot, desired);
  if (Object.keys(diff.after).length === 0) {
    scope.summary[kind].unchanged++;
    return;
  }
  await update();
  scope.summary[kind].updated++;
  await auditImport(scope, entityType, existing, diff);
}

/** Counts a new item and records its audit entry with everything it was created with. */
export async function recordCreated(
  scope: ImportScope,
  kind: ImportKind,
  entityType: string,
  created: { id: number; entityRef: string },
  after: Snapshot,
): Promise<void> {
  scope.summary[kind].created++;
  await auditImport(scope, entityType, created, { after });
}

function auditImport(
  scope: ImportScope,
  entityType: string,
  item: { id: number; entityRef: string },
  change: { before?: Snapshot; after: Snapshot },
): Promise<void> {
  return recordAudit(
    scope.tx,
    { workspaceId: scope.workspaceId, slackUserId: scope.actor },
    { action: 'import', entityType, entityId: item.id, entityRef: item.entityRef, ...change },
  );
}

/** Member ids by Slack user id, loaded once; people named for the first time get a member row. */
export async function memberResolver(
  tx: Tx,
  workspaceId: number,
): Promise<Pick<ImportScope, 'memberId' | 'ownerId'>> {
  const rows = await tx.member.findMany({ where: { workspaceId }, select: { id: true, slackUserId: true } });
  const ids = new Map(rows.map((row) => [row.slackUserId, row.id]));
  const memberId = async (slackUserId: string) => {
    const known = ids.get(slackUserId);
    if (known !== undefined) return known;
    // An upsert: the person may have used Okra for the first time while this import was running.
    const created = await tx.member.upsert({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId } },
      create: { workspaceId, slackUserId },
      update: {},
      select: { id: true },
    });
    ids.set(slackUserId, created.id);
    return created.id;
  };
  const ownerId = async (slackUserId: string | undefined) =>
    slackUserId === undefined ? null : memberId(slackUserId);
  return { memberId, ownerId };
}
