// Every tick delivers what the outbox holds that is due: notices enqueued since, retries whose wait is over,
// and claims left stale by an instance that died. (Between ticks, a commit that enqueued wakes the deliverer.)
import type { Job } from './scheduler.ts';

/** What the job needs of the deliverer, which lives in the Slack layer. */
export interface OutboxRunner {
  deliverDue(at: Date): Promise<unknown>;
}

export function outboxJob(outbox: OutboxRunner): Job {
  return async (_services, at) => {
    await outbox.deliverDue(at);
  };
}
