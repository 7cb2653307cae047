// Signed requests already seen, shared by every instance on this database: an exact replay is dropped.
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../errors.ts';

/** Slack refuses requests older than 5 minutes, so a signature seen longer ago cannot come back. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

/** Records the request; false when it was already recorded (a replay). */
export async function firstSighting(db: Db, hash: string, at: Date): Promise<boolean> {
  try {
    await db.seenRequest.create({ data: { hash, seenAt: at } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Forgets what can no longer be replayed (older than the window, with a minute of clock skew). */
export async function forgetOldSightings(db: Db, at: Date): Promise<void> {
  await db.seenRequest.deleteMany({
    where: { seenAt: { lt: new Date(at.getTime() - REPLAY_WINDOW_MS - 60_000) } },
  });
}
