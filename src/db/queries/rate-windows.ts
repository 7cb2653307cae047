// The send budget shared by every instance on one database: calls per bucket (team and Slack method) and
// fixed time window. Counting happens before the call, so two instances together never exceed it.
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../errors.ts';

/** Counts one call in the window if it still has room; false when the window is spent. */
export async function takeFromWindow(
  db: Db,
  bucket: string,
  windowStart: number,
  limit: number,
): Promise<boolean> {
  const start = BigInt(windowStart);
  const taken = await db.rateWindow.updateMany({
    where: { bucket, windowStart: start, used: { lt: limit } },
    data: { used: { increment: 1 } },
  });
  if (taken.count === 1) return true;
  const exists = await db.rateWindow.findUnique({
    where: { bucket_windowStart: { bucket, windowStart: start } },
  });
  // Spent only if it is full: a window another call opened between the update and this read (the first
  // calls of a window race each other) still has room, so count against it.
  if (exists) return exists.used < limit ? takeFromWindow(db, bucket, windowStart, limit) : false;
  try {
    await db.rateWindow.create({ data: { bucket, windowStart: start, used: 1 } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another instance opened the window first: count against it.
    return takeFromWindow(db, bucket, windowStart, limit);
  }
}

/** Windows long past are only history; dropped now and then so the table stays small. */
export async function forgetWindowsBefore(db: Db, windowStart: number): Promise<void> {
  await db.rateWindow.deleteMany({ where: { windowStart: { lt: BigInt(windowStart) } } });
}
