// The outbox rows as the deliverer sees them: claim what is due with a compare-and-set, so of several
// instances (or passes) exactly one holds a row; every later write names the claim, so a holder whose claim
// went stale and was taken over can no longer change the row.
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/sqlite/client.ts';
import type { Db } from '../client.ts';

export interface OutboxRow {
  id: number;
  workspaceId: number;
  key: string;
  kind: string;
  toType: string;
  toId: string;
  payload: string;
  threadOf: string | null;
  replaces: string | null;
  state: string;
  dueAt: Date;
  attempts: number;
  uncertain: boolean;
  claimToken: string | null;
  claimedAt: Date | null;
  channel: string | null;
  ts: string | null;
}

export interface Claimed extends OutboxRow {
  claimToken: string;
  /** The claim was taken over from a holder that went silent: it may have sent. */
  stale: boolean;
}

/**
 * Claims up to `limit` rows that are due at `at`, oldest first: pending rows whose time has come, and claims
 * older than `leaseMs` (their holder died or hung; it may have sent, so they come back marked stale).
 */
export async function claimDue(
  db: Db,
  at: Date,
  leaseMs: number,
  limit: number,
): Promise<{ claimed: Claimed[]; more: boolean }> {
  const staleBefore = new Date(at.getTime() - leaseMs);
  const candidates = await db.outbox.findMany({
    where: {
      OR: [
        { state: 'pending', dueAt: { lte: at } },
        { state: 'claimed', claimedAt: { lte: staleBefore } },
      ],
    },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
  const claimed: Claimed[] = [];
  // Pending rows in one write, under one token (every later write names the row and the token, so a shared
  // token is still one holder per row); then read back which of them this claim won.
  const pending = candidates.filter((row) => row.state === 'pending');
  if (pending.length > 0) {
    const token = randomUUID();
    const ids = pending.map((row) => row.id);
    await db.outbox.updateMany({
      where: { id: { in: ids }, state: 'pending' },
      data: { state: 'claimed', claimToken: token, claimedAt: at, attempts: { increment: 1 } },
    });
    const won = new Map(
      (
        await db.outbox.findMany({
          where: { id: { in: ids }, claimToken: token },
          select: { id: true, attempts: true },
        })
      ).map((row) => [row.id, row.attempts]),
    );
    for (const row of pending) {
      const attempts = won.get(row.id);
      if (attempts !== undefined)
        claimed.push({ ...row, state: 'claimed', claimToken: token, claimedAt: at, attempts, stale: false });
    }
  }
  for (const row of candidates) {
    if (row.state !== 'claimed') continue;
    const token = randomUUID();
    const taken = await db.outbox.updateMany({
      where: { id: row.id, state: 'claimed', claimToken: row.claimToken },
      data: {
        state: 'claimed',
        claimToken: token,
        claimedAt: at,
        attempts: row.attempts + 1,
        uncertain: true,
      },
    });
    if (taken.count === 1)
      claimed.push({
        ...row,
        state: 'claimed',
        claimToken: token,
        claimedAt: at,
        attempts: row.attempts + 1,
        uncertain: true,
        stale: true,
      });
  }
  claimed.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
  // A full page means there may be more, even when other instances won some of these rows.
  return { claimed, more: candidates.length === limit };
}

type Holder = Pick<Claimed, 'id' | 'claimToken'>;
const held = (row: Holder) => ({ id: row.id, claimToken: row.claimToken, state: 'claimed' });

/**
 * Renews the lease of every row still held under one claim token (a batch claims its pending rows under
 * one) in one statement: the holder is alive and about to call Slack. Returns the ids it renewed. A row taken over meanwhile has another token and is not among them.
 */
export async function renewClaims(db: Db, claimToken: string, at: Date): Promise<Set<number>> {
  const rows = await db.$queryRaw<Array<{ id: number | bigint }>>`
    UPDATE "Outbox" SET "claimedAt" = ${at}
    WHERE "claimToken" = ${claimToken} AND "state" = 'claimed'
    RETURNING "id"`;
  return new Set(rows.map((row) => Number(row.id)));
}

/** Remembers where the message goes before it is sent, so a reconcile after a crash knows where to look. */
export async function recordChannel(db: Db, row: Holder, channel: string): Promise<boolean> {
  return (await db.outbox.updateMany({ where: held(row), data: { channel } })).count === 1;
}

/** A send may have reached Slack: whoever tries next looks for it first. Written before any retry. */
export async function markUncertain(db: Db, row: Holder, error: string): Promise<boolean> {
  return (
    (await db.outbox.updateMany({ where: held(row), data: { uncertain: true, lastError: error } })).count ===
    1
  );
}

export async function settleSent(
  db: Db,
  row: Holder,
  at: Date,
  where: { channel: string; ts: string },
): Promise<boolean> {
  const done = await db.outbox.updateMany({
    where: held(row),
    data: {
      state: 'sent',
      channel: where.channel,
      ts: where.ts,
      sentAt: at,
      claimToken: null,
      uncertain: false,
      lastError: null,
    },
  });
  return done.count === 1;
}

/** Rows per settling statement: 4 parameters each, far below SQLite's and PostgreSQL's parameter limits. */
const SETTLE_CHUNK = 200;

/**
 * `settleSent` for many rows at once, all sent at `at`: one UPDATE … FROM (VALUES …) per chunk (SQLite
 * 3.33+ and PostgreSQL both take it; VALUES columns are column1…), each row still only while this claim
 * holds it. Returns how many rows it settled.
 */
export async function settleSentMany(
  db: Db,
  rows: ReadonlyArray<{ row: Holder; where: { channel: string; ts: string } }>,
  at: Date,
): Promise<number> {
  let settled = 0;
  for (let i = 0; i < rows.length; i += SETTLE_CHUNK) {
    const values = Prisma.join(
      rows
        .slice(i, i + SETTLE_CHUNK)
        .map(
          ({ row, where }) =>
            Prisma.sql`(CAST(${row.id} AS INTEGER), ${row.claimToken}, ${where.channel}, ${where.ts})`,
        ),
    );
    settled += await db.$executeRaw`
      UPDATE "Outbox" SET "state" = 'sent', "channel" = v.column3, "ts" = v.column4, "sentAt" = ${at},
        "claimToken" = NULL, "uncertain" = FALSE, "lastError" = NULL
      FROM (VALUES ${values}) AS v
      WHERE "Outbox"."id" = v.column1 AND "Outbox"."claimToken" = v.column2 AND "Outbox"."state" = 'claimed'`;
  }
  return settled;
}

/** Back to pending, due at `dueAt`; `refund` gives back the attempt (waiting for another notice is not one). */
export async function release(
  db: Db,
  row: Holder & { attempts: number },
  dueAt: Date,
  options: { error?: string; refund?: boolean } = {},
): Promise<boolean> {
  const done = await db.outbox.updateMany({
    where: held(row),
    data: {
      state: 'pending',
      dueAt,
      claimToken: null,
      ...(options.refund ? { attempts: Math.max(0, row.attempts - 1) } : {}),
      ...(options.error !== undefined ? { lastError: options.error } : {}),
    },
  });
  return done.count === 1;
}

/** Given up: a permanent error (the channel is gone, the message is refused) or out of attempts. */
export async function settleFailed(db: Db, row: Holder, error: string): Promise<boolean> {
  const done = await db.outbox.updateMany({
    where: held(row),
    data: { state: 'failed', claimToken: null, lastError: error.slice(0, 500) },
  });
  return done.count === 1;
}

/** Where an earlier notice was posted, for `threadOf` and `replaces`. */
export function findByKey(db: Db, workspaceId: number, key: string) {
  return db.outbox.findUnique({
    where: { workspaceId_key: { workspaceId, key } },
    select: { state: true, channel: true, ts: true },
  });
}
