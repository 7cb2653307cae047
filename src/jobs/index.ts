// The jobs the scheduler runs every minute, in order; main.ts and the test harness register the same list.
import { digestJob } from './digests.ts';
import { type OutboxRunner, outboxJob } from './outbox.ts';
import type { Job } from './scheduler.ts';
import { statusSweepJob } from './status-sweep.ts';

export function scheduledJobs(outbox: OutboxRunner): Job[] {
  // The sweep first, so digests read fresh statuses; what they enqueue goes out in the same tick.
  return [statusSweepJob(), digestJob(), outboxJob(outbox)];
}
