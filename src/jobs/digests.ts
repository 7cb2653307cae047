// The digest job: at every tick, each subscription whose scheduled moment has passed in this period and that
// has no digest for it yet gets one queued (postDigest claims the period; the outbox delivers). A tick after
// downtime catches up within the period; a period that ended while Okra was down is not posted late.
import { digestPeriod, isDigestDue } from '../domain/digest/index.ts';
import { listDigestTargets } from '../services/digest-subscriptions.ts';
import { postDigest } from '../services/digests.ts';
import type { Job } from './scheduler.ts';

export function digestJob(): Job {
  return async (services, at) => {
    const workspaces = await services.db.workspace.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    let queued = 0;
    for (const workspace of workspaces) {
      const targets = await listDigestTargets(services.db, workspace.id, services.settings.defaultTimeZone);
      const due = targets.filter((target) => isDigestDue(target.schedule, at));
      if (due.length === 0) continue;
      const posted = await services.db.digestPost.findMany({
        where: {
          workspaceId: workspace.id,
          period: { in: [...new Set(due.map((t) => digestPeriod(t.schedule, at)))] },
        },
        select: { subscriptionKey: true, period: true },
      });
      const done = new Set(posted.map((p) => `${p.subscriptionKey}@${p.period}`));
      for (const target of due) {
        if (done.has(`${target.key}@${digestPeriod(target.schedule, at)}`)) continue;
        try {
          const result = await postDigest(services.db, workspace.id, target, at, 'schedule');
          if (result.state === 'queued') queued++;
          else if (result.state === 'skipped')
            services.logger.warn(`digest ${target.key} skipped: ${result.reason}`);
        } catch (error) {
          // One digest's trouble must not keep the others from going out.
          services.logger.error(`digest ${target.key} failed`, error);
        }
      }
    }
    if (queued > 0) services.outbox.wake();
  };
}
