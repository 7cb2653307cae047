// The jobs the scheduler runs every minute, in order; main.ts and the test harness register the same list.
import { digestJob } from './digests.ts';
import { type OutboxRunner, outboxJob } from './outbox.ts';
import { type ProfileRunner, profilesJob } from './profiles.ts';
import type { Job } from './scheduler.ts';
import { statusSweepJob } from './status-sweep.ts';

export function scheduledJobs(outbox: OutboxRunner, profiles?: ProfileRunner): Job[] {
  // Profiles first (time zones decide what is due), the sweep next so digests read fresh statuses; what the
  // sweep and the digests enqueue goes out in this tick.
  return [...(profiles ? [profilesJob(profiles)] : []), statusSweepJob(), digestJob(), outboxJob(outbox)];
}
