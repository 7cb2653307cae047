// A unique violation inside a transaction: on PostgreSQL a failed statement aborts the whole transaction, so
// a write that may meet a row another transaction just inserted runs inside a savepoint, and only that
// savepoint is rolled back. SQLite has savepoints too, so both engines take the same path.
import type { Tx } from './client.ts';
import { isUniqueViolation } from './errors.ts';

/** Runs `write`; returns false (and leaves the transaction usable) when it hit a unique constraint. */
export async function insertUnlessPresent(tx: Tx, write: () => Promise<unknown>): Promise<boolean> {
  await tx.$executeRawUnsafe('SAVEPOINT okra_insert');
  try {
    await write();
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT okra_insert');
    return true;
  } catch (error) {
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT okra_insert');
    if (!isUniqueViolation(error)) throw error;
    return false;
  }
}
