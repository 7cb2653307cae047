// Read-then-write without losing a concurrent change. A service reads a row, decides what to change and
// writes; under PostgreSQL's READ COMMITTED two such edits interleave and the later one writes back the
// values it read, undoing the other (and its audit entry's "before" is not what was there). So the write's
// transaction first locks the row, then checks that the row still reads as it did; if it does not, the
// whole edit runs again from a fresh read. SQLite serialises write transactions already; the lock also
// takes its write lock at the start, so another process cannot slip in between the check and the write.
import type { Tx } from '../client.ts';

export type LockedTable = 'KeyResult' | 'Objective' | 'Kpi' | 'Risk' | 'Team' | 'Workspace' | 'Member';

/**
 * Locks one row until the transaction ends. A no-op UPDATE works on both engines: PostgreSQL takes the
 * row lock a `SELECT … FOR UPDATE` would, SQLite takes its write lock. Foreign keys do not fire: the key
 * keeps its value.
 */
export async function lockRow(tx: Tx, table: LockedTable, id: number): Promise<void> {
  if (!Number.isSafeInteger(id)) throw new Error(`lockRow: ${id} is not a row id`);
  await tx.$executeRawUnsafe(`UPDATE "${table}" SET "id" = "id" WHERE "id" = ${id}`);
}

/** Thrown inside a write's transaction when the row changed since the service read it. */
export class StaleRead extends Error {
  override readonly name = 'StaleRead';
  constructor() {
    super('the row changed since it was read');
  }
}

/** Locks the row and throws StaleRead (rolling back) when it no longer reads as `expected`. */
export async function lockUnchanged<T>(
  tx: Tx,
  table: LockedTable,
  id: number,
  expected: T,
  reread: () => Promise<T>,
): Promise<void> {
  await lockRow(tx, table, id);
  if (JSON.stringify(await reread()) !== JSON.stringify(expected)) throw new StaleRead();
}

const ATTEMPTS = 5;

/**
 * An edit that runs again from a fresh read when its row changed under it; each run sees the other's change.
 * Takes and returns the edit's own signature: `export const editTeam = retryingStale(editTeamOnce)`.
 */
export function retryingStale<Args extends unknown[], T>(
  edit: (...args: Args) => Promise<T>,
): (...args: Args) => Promise<T> {
  return (...args) => retryStale(() => edit(...args));
}

async function retryStale<T>(edit: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await edit();
    } catch (error) {
      if (!(error instanceof StaleRead) || attempt >= ATTEMPTS) throw error;
    }
  }
}
