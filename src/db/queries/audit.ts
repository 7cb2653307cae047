// The audit log: who changed what, with the fields before and after. Written in the same transaction as
// the change, so there is never a change without its record or a record without its change.
import type { Tx } from '../client.ts';

/** Who made a change: a member's Slack user id (or "import" for the command line) in their workspace. */
export interface AuditAuthor {
  workspaceId: number;
  slackUserId: string;
}

/** What changed: the action on one item, and the fields it touched. */
export interface AuditEntry {
  action:
    | 'create'
    | 'update'
    | 'archive'
    | 'restore'
    | 'import'
    | 'role'
    | 'close'
    | 'check_in'
    | 'delete'
    | 'pause'
    | 'skip';
  entityType: string;
  entityId: number;
  entityRef: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export async function recordAudit(tx: Tx, by: AuditAuthor, entry: AuditEntry): Promise<void> {
  await tx.auditEntry.create({
    data: {
      workspaceId: by.workspaceId,
      actor: by.slackUserId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      entityRef: entry.entityRef,
      before: JSON.stringify(entry.before ?? {}),
      after: JSON.stringify(entry.after ?? {}),
    },
  });
}

/** Archiving or restoring reads the same for every kind of item: the action, and archived before and after. */
export function recordArchiving(
  tx: Tx,
  by: AuditAuthor,
  item: Pick<AuditEntry, 'entityType' | 'entityId' | 'entityRef'>,
  archiving: boolean,
): Promise<void> {
  return recordAudit(tx, by, {
    action: archiving ? 'archive' : 'restore',
    ...item,
    before: { archived: !archiving },
    after: { archived: archiving },
  });
}

/** Only the fields that differ, so an audit entry reads as the change itself. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const was = normalise(before[key]);
    const now = normalise(after[key]);
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      b[key] = was;
      a[key] = now;
    }
  }
  return { before: b, after: a };
}

function normalise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null);
}

export async function recentAudit(
  tx: Tx,
  workspaceId: number,
  entityType: string,
  entityId: number,
  take = 10,
) {
  return tx.auditEntry.findMany({
    where: { workspaceId, entityType, entityId },
    orderBy: { id: 'desc' },
    take,
  });
}
