// The jobs the scheduler runs every minute, in order; main.ts and the test harness register the same list.
import { checkInJob } from './check-ins.ts';
import { type OutboxRunner, outboxJob } from './outbox.ts';
import { type ProfileRunner, profilesJob } from './profiles.ts';
import type { Job } from './scheduler.ts';
import { statusSweepJob } from './status-sweep.ts';

export function scheduledJobs(outbox: OutboxRunner, profiles?: ProfileRunner): Job[] {
  // Profiles first (time zones decide what is due), the sweep and the check-in prompts next: what they
  // enqueue goes out in this tick.
  return [...(profiles ? [profilesJob(profiles)] : []), statusSweepJob(), checkInJob(), outboxJob(outbox)];
}
