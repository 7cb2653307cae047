// Exactly-once delivery of scheduled and flagged messages: claim a row under a unique key BEFORE sending,
// send, then record the result. The claim is what makes a crash or a concurrent duplicate harmless: whoever
// inserts the row sends; everybody else sees the row and sends nothing.
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';

export interface DeliveryTarget {
  workspaceId: number;
  /** What is delivered, e.g. flag:key_result:12:off_track or escalation:risk:7. */
  key: string;
  /** The period it is for, e.g. 2026-W07, or `once`. */
  period: string;
  /** Slack user or channel id. */
  recipient: string;
}

export type DeliveryResult =
  | { state: 'sent'; ts: string | undefined }
  /** Already sent, or claimed by a send that may have happened (a crash or a duplicate in flight). */
  | { state: 'skipped'; reason: 'already_sent' | 'claimed' | 'gave_up' }
  | { state: 'failed'; error: string };

/** A failed send is retried by later calls (the hourly sweep) up to this many attempts in all. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/**
 * Sends once per target. A row left in `claimed` (the process died between claim and send, or another
 * call is sending right now) is never sent again: Slack has no idempotency key, so we cannot know whether
 * that message went out, and a missing flag is cheaper than a doubled one. A send that threw is
 * recorded as `failed` with its error and may be retried by a later call, which claims it again first.
 */
export async function deliverOnce(
  db: Db,
  target: DeliveryTarget,
  send: () => Promise<{ ts?: string | undefined }>,
): Promise<DeliveryResult> {
  const claim = await claimDelivery(db, target);
  if (!claim.ok) return { state: 'skipped', reason: claim.reason };
  try {
    const sent = await send();
    await db.deliveryClaim.update({
      where: { id: claim.id },
      data: { state: 'sent', messageTs: sent.ts ?? null, sentAt: new Date(), lastError: null },
    });
    return { state: 'sent', ts: sent.ts };
  } catch (error) {
    const message = describeError(error);
    await db.deliveryClaim.update({ where: { id: claim.id }, data: { state: 'failed', lastError: message } });
    return { state: 'failed', error: message };
  }
}

type Claim = { ok: true; id: number } | { ok: false; reason: 'already_sent' | 'claimed' | 'gave_up' };

async function claimDelivery(db: Db, target: DeliveryTarget): Promise<Claim> {
  try {
    const row = await db.deliveryClaim.create({ data: { ...target, state: 'claimed', attempts: 1 } });
    return { ok: true, id: row.id };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await db.deliveryClaim.findUnique({
    where: {
      workspaceId_key_period_recipient: {
        workspaceId: target.workspaceId,
        key: target.key,
        period: target.period,
        recipient: target.recipient,
      },
    },
  });
  if (!existing) return { ok: false, reason: 'claimed' };
  if (existing.state === 'sent') return { ok: false, reason: 'already_sent' };
  if (existing.state !== 'failed') return { ok: false, reason: 'claimed' };
  if (existing.attempts >= MAX_DELIVERY_ATTEMPTS) return { ok: false, reason: 'gave_up' };
  // Re-claim a failed delivery with a compare-and-set on its state and attempt count, so of two
  // retries racing only one wins.
  const taken = await db.deliveryClaim.updateMany({
    where: { id: existing.id, state: 'failed', attempts: existing.attempts },
    data: { state: 'claimed', attempts: existing.attempts + 1, claimedAt: new Date() },
  });
  return taken.count === 1 ? { ok: true, id: existing.id } : { ok: false, reason: 'claimed' };
}

function describeError(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  const slackError = typeof data?.error === 'string' ? data.error : undefined;
  const text = slackError ?? (error instanceof Error ? error.message : String(error));
  return text.slice(0, 500);
}
