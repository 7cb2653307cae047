// Stored statuses in bulk: one query to read a workspace's, and chunked writes of reasons that changed while
// the status did not. Prisma cannot update many rows with different values in one call, so this is one
// UPDATE … FROM (VALUES …) per chunk (SQLite 3.33+ and PostgreSQL both take it; VALUES columns are column1…).
import { Prisma } from '../../generated/sqlite/client.ts';
import type { Db } from '../client.ts';

export interface StoredStatus {
  status: string;
  reasons: string;
}

export const statusKey = (itemType: string, itemId: number) => `${itemType}:${itemId}`;

export async function storedStatuses(db: Db, workspaceId: number): Promise<Map<string, StoredStatus>> {
  const rows = await db.itemStatus.findMany({
    where: { workspaceId },
    select: { itemType: true, itemId: true, status: true, reasons: true },
  });
  return new Map(rows.map((row) => [statusKey(row.itemType, row.itemId), row]));
}

/** Rows per statement: 3 parameters each, far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 400;

/** Rewrites the reasons of existing rows; their status (and changedAt) stay as they are. */
export async function updateReasons(
  db: Db,
  workspaceId: number,
  rows: ReadonlyArray<{ itemType: string; itemId: number; reasons: string }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = Prisma.join(
      rows
        .slice(i, i + CHUNK)
        .map((row) => Prisma.sql`(${row.itemType}, CAST(${row.itemId} AS INTEGER), ${row.reasons})`),
    );
    await db.$executeRaw`
      UPDATE "ItemStatus" SET "reasons" = v.column3
      FROM (VALUES ${values}) AS v
      WHERE "ItemStatus"."workspaceId" = ${workspaceId}
        AND "ItemStatus"."itemType" = v.column1 AND "ItemStatus"."itemId" = v.column2`;
  }
}

/**
 * Writes statuses in chunked `INSERT … ON CONFLICT DO UPDATE` statements (both engines): a new row, or the
 * new status and reasons of an existing one, whose changedAt moves to `now` only when its status changed.
 * Pass `tx` to write inside the caller's transaction.
 */
export async function upsertStatuses(
  db: Pick<Db, '$executeRaw'>,
  workspaceId: number,
  rows: ReadonlyArray<{ itemType: string; itemId: number; status: string; reasons: string }>,
  now: Date,
): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    const values = Prisma.join(
      rows
        .slice(i, i + UPSERT_CHUNK)
        .map(
          (row) =>
            Prisma.sql`(${workspaceId}, ${row.itemType}, CAST(${row.itemId} AS INTEGER), ${row.status}, ${row.reasons}, ${now})`,
        ),
    );
    await db.$executeRaw`
      INSERT INTO "ItemStatus" ("workspaceId", "itemType", "itemId", "status", "reasons", "changedAt")
      VALUES ${values}
      ON CONFLICT ("workspaceId", "itemType", "itemId") DO UPDATE SET
        "reasons" = excluded."reasons",
        "changedAt" = CASE WHEN "ItemStatus"."status" = excluded."status"
          THEN "ItemStatus"."changedAt" ELSE excluded."changedAt" END,
        "status" = excluded."status"`;
  }
}

/** Rows per upsert: 6 parameters each, below SQLite's 999 with room to spare. */
const UPSERT_CHUNK = 150;
