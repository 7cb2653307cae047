// The send budget shared by every instance on one database: calls per bucket (team and Slack method) and
// fixed time window. Counting happens before the call, so two instances together never exceed it.
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../errors.ts';

/** Counts `calls` calls in the window if it still has room for them all; false when it has not. */
export async function takeFromWindow(
  db: Db,
  bucket: string,
  windowStart: number,
  limit: number,
  calls = 1,
): Promise<boolean> {
  if (calls > limit) return false;
  const start = BigInt(windowStart);
  const taken = await db.rateWindow.updateMany({
    where: { bucket, windowStart: start, used: { lte: limit - calls } },
    data: { used: { increment: calls } },
  });
  if (taken.count === 1) return true;
  const exists = await db.rateWindow.findUnique({
    where: { bucket_windowStart: { bucket, windowStart: start } },
  });
  // Spent only if it is full: a window another call opened between the update and this read (the first
  // calls of a window race each other) still has room, so count against it.
  if (exists) return exists.used < limit ? takeFromWindow(db, bucket, windowStart, limit) : false;
  try {
    await db.rateWindow.create({ data: { bucket, windowStart: start, used: calls } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another instance opened the window first: count against it.
    return takeFromWindow(db, bucket, windowStart, limit, calls);
  }
}

/** Windows long past are only history; dropped now and then so the table stays small. */
export async function forgetWindowsBefore(db: Db, windowStart: number): Promise<void> {
  await db.rateWindow.deleteMany({ where: { windowStart: { lt: BigInt(windowStart) } } });
}

/**
 * A 429's Retry-After, kept with the windows so every instance on this database (and a restarted one)
 * holds off too: a row under `<bucket>:retry-after` whose windowStart is the time calls may resume.
 */
const retryAfterBucket = (bucket: string) => `${bucket}:retry-after`;

export async function recordRetryAfter(db: Db, bucket: string, untilMs: number): Promise<void> {
  try {
    await db.rateWindow.create({
      data: { bucket: retryAfterBucket(bucket), windowStart: BigInt(Math.ceil(untilMs)), used: 0 },
    });
  } catch (error) {
    // The same instant already recorded (by another instance, for the same 429 wave): nothing to add.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Until when Slack asked this bucket to wait, as of `nowMs`; 0 when it did not. */
export async function retryAfterUntil(db: Db, bucket: string, nowMs: number): Promise<number> {
  const row = await db.rateWindow.findFirst({
    where: { bucket: retryAfterBucket(bucket), windowStart: { gt: BigInt(Math.floor(nowMs)) } },
    orderBy: { windowStart: 'desc' },
    select: { windowStart: true },
  });
  return row ? Number(row.windowStart) : 0;
}
