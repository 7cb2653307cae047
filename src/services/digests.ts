// Making a digest: the stored statuses of its scope, composed against the previous digest's snapshot and
// split into the posts Slack will get. Posting goes through the outbox (see digest-delivery.ts); previews
// use the same composition and are sent privately by the Slack layer.
import type { Db } from '../db/client.ts';
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
