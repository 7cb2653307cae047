// The outbox: everything Okra sends on its own is first recorded here, in the same transaction as the change
// that causes it, so a crash can never separate "it changed" from "someone must be told". Delivery lives in
// the Slack layer (src/slack/outbox); services only enqueue. No Slack imports here.
import type { Tx } from '../db/client.ts';
import { insertRows, integer } from '../db/queries/bulk-insert.ts';
import { insertUnlessPresent } from '../db/savepoint.ts';

/** A DM to a person (the deliverer opens it) or a post in a channel. */
export type Recipient = { user: string } | { channel: string };

export interface Notice {
  /** Unique per workspace, e.g. `prompt:<scheduleId>:<period>:<userId>`; carried in the message metadata. */
  key: string;
  /** Which renderer in src/slack/notices turns the payload into a message, e.g. 'flag-dm'. */
  kind: string;
  to: Recipient;
  /** Plain JSON, domain data only (no Block Kit): rendered at delivery time. */
  payload: unknown;
  /** Key of an earlier notice: post as a reply in its thread. */
  threadOf?: string;
  /** Key of an earlier notice: chat.update that message instead of posting. */
  replaces?: string;
  /** Not sent before this time (default: at once). */
  notBefore?: Date;
}

/** Told after a commit that enqueued, so what was recorded goes out now rather than at the next tick. */
export interface OutboxSignal {
  wake(): void;
}

/** A signal that does nothing, for code run without a deliverer (the CLI, unit tests). */
export const quietOutbox: OutboxSignal = { wake() {} };

/**
 * Records notices in the caller's transaction; a key that already exists is left as it is (idempotent).
 * Call it inside `db.$transaction(async (tx) => …)`: it relies on the transaction's savepoints.
 */
export async function enqueue(tx: Tx, workspaceId: number, notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  const keys = [...new Set(notices.map((n) => n.key))];
  const existing = await tx.outbox.findMany({
    where: { workspaceId, key: { in: keys } },
    select: { key: true },
  });
  const taken = new Set(existing.map((row) => row.key));
  const fresh: Notice[] = [];
  for (const notice of notices) {
    if (taken.has(notice.key)) continue;
    taken.add(notice.key);
    fresh.push(notice);
  }
  if (fresh.length === 0) return;
  // In few statements (a fan-out to thousands would otherwise be thousands of round trips; see insertRows);
  // when another transaction inserted one of these keys meanwhile, they are undone and each row goes on its
  // own.
  if (fresh.length > 1) {
    const createdAt = new Date();
    const rows = fresh.map((notice) => {
      const row = outboxRow(workspaceId, notice);
      return [
        integer(row.workspaceId),
        row.key,
        row.kind,
        row.toType,
        row.toId,
        row.payload,
        row.threadOf,
        row.replaces,
        row.dueAt,
        createdAt,
      ];
    });
    if (await insertUnlessPresent(tx, () => insertRows(tx, 'Outbox', OUTBOX_COLUMNS, rows))) return;
  }
  for (const notice of fresh) await insertOnce(tx, workspaceId, notice);
}

const OUTBOX_COLUMNS = [
  'workspaceId',
  'key',
  'kind',
  'toType',
  'toId',
  'payload',
  'threadOf',
  'replaces',
  'dueAt',
  'createdAt',
] as const;

function outboxRow(workspaceId: number, notice: Notice) {
  const [toType, toId] = 'user' in notice.to ? ['user', notice.to.user] : ['channel', notice.to.channel];
  return {
    workspaceId,
    key: notice.key,
    kind: notice.kind,
    toType,
    toId,
    payload: JSON.stringify(notice.payload ?? null),
    threadOf: notice.threadOf ?? null,
    replaces: notice.replaces ?? null,
    // The epoch means "at once" without reading a clock here.
    dueAt: notice.notBefore ?? new Date(0),
  };
}

/** Another transaction may insert the same key at the same moment (two instances running the same sweep). */
async function insertOnce(tx: Tx, workspaceId: number, notice: Notice): Promise<void> {
  await insertUnlessPresent(tx, () => tx.outbox.create({ data: outboxRow(workspaceId, notice) }));
}
