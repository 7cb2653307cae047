// Making a digest: the stored statuses of its scope, composed against the previous digest's snapshot and
// split into the posts Slack will get. Posting goes through the outbox (see digest-delivery.ts); previews
// use the same composition and are sent privately by the Slack layer.
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import {
  composeDigest,
  type DigestModel,
  type DigestPosts,
  digestPeriod,
  parseSnapshot,
  splitDigest,
} from '../domain/digest/index.ts';
import { loadDigestInput } from './digest-data.ts';
import type { DigestTarget } from './digest-subscriptions.ts';
import { enqueue, type Notice } from './outbox.ts';

export interface ComposedDigest {
  period: string;
  model: DigestModel;
  posts: DigestPosts;
}

export type ComposeResult =
  | { ok: true; digest: ComposedDigest }
  | { ok: false; reason: 'no_current_cycle' | 'scope_gone' };

export async function composeDigestFor(
  db: Db,
  workspaceId: number,
  target: DigestTarget,
  at: Date,
): Promise<ComposeResult> {
  const period = digestPeriod(target.schedule, at);
  const previousPost = await db.digestPost.findFirst({
    where: { workspaceId, subscriptionKey: target.key, period: { not: period } },
    orderBy: { createdAt: 'desc' },
    select: { snapshot: true },
  });
  const loaded = await loadDigestInput(db, {
    workspaceId,
    scope: target.scope,
    at,
    period,
    timeZone: target.schedule.timeZone,
    previous: parseSnapshot(previousPost?.snapshot),
  });
  if (!loaded.ok) return loaded;
  const model = composeDigest(loaded.input);
  return { ok: true, digest: { period, model, posts: splitDigest(model) } };
}

export type PostResult =
  | { state: 'queued'; period: string; notices: number }
  /** This subscription already has its digest for the period (posted, or queued by someone else). */
  | { state: 'already'; period: string }
  | { state: 'skipped'; reason: 'no_current_cycle' | 'scope_gone' };

/** Outbox keys of a digest's posts: one per message, so each is delivered (and retried) on its own. */
export const digestKey = (target: Pick<DigestTarget, 'key'>, period: string, part: string) =>
  `digest:${target.key}:${period}:${part}`;

/**
 * Queues this period's digest for a subscription, once: the DigestPost row (unique per subscription and
 * period) and the outbox notices are written in one transaction, so the schedule, `/okr digest now` and a
 * second instance can all ask and only the first succeeds. The top message, each thread reply and the chart
 * are separate notices with their own keys; the replies and the chart go into the top message's thread.
 */
export async function postDigest(
  db: Db,
  workspaceId: number,
  target: DigestTarget,
  at: Date,
  trigger: 'schedule' | 'manual',
): Promise<PostResult> {
  const period = digestPeriod(target.schedule, at);
  const exists = await db.digestPost.count({ where: { workspaceId, subscriptionKey: target.key, period } });
  if (exists > 0) return { state: 'already', period };
  const composed = await composeDigestFor(db, workspaceId, target, at);
  if (!composed.ok) return { state: 'skipped', reason: composed.reason };
  const { digest } = composed;
  const to = { channel: target.channelId };
  const top = digestKey(target, period, 'top');
  const notices: Notice[] = [
    { key: top, kind: 'digest-top', to, payload: digest.posts.top },
    ...digest.posts.thread.map((page, i) => ({
      key: digestKey(target, period, `thread:${i + 1}`),
      kind: 'digest-thread',
      to,
      payload: page,
      threadOf: top,
    })),
    {
      key: digestKey(target, period, 'chart'),
      kind: 'digest-chart',
      to,
      payload: { period, chart: digest.model.chart },
      threadOf: top,
    },
  ];
  try {
    await db.$transaction(async (tx) => {
      await tx.digestPost.create({
        data: {
          workspaceId,
          subscriptionKey: target.key,
          channelId: target.channelId,
          period,
          trigger,
          snapshot: JSON.stringify(digest.model.snapshot),
        },
      });
      await enqueue(tx, workspaceId, notices);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { state: 'already', period };
    throw error;
  }
  return { state: 'queued', period, notices: notices.length };
}
