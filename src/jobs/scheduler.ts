// The minute tick: everything Okra does on its own starts here. Each job finds what is due at `at` and not yet
// done (not only what falls on this exact minute), so a tick after downtime catches up. A tick that overruns
// the next minute makes that one skipped, not queued (node-cron's noOverlap). Tests call runTick with the
// injected clock's time instead of waiting for cron.
import cron from 'node-cron';
import type { Services } from '../services/services.ts';

export type Job = (services: Services, at: Date) => Promise<void>;

export interface Scheduler {
  stop(): Promise<void>;
}

/** Runs every job once for `at`; one job's failure is logged and does not keep the others from running. */
export async function runTick(services: Services, jobs: readonly Job[], at: Date): Promise<void> {
  for (const job of jobs) {
    try {
      await job(services, at);
    } catch (error) {
      services.logger.error('scheduled job failed', error);
    }
  }
}

export function startScheduler(services: Services, jobs: readonly Job[] = []): Scheduler {
  let running: Promise<void> | undefined;
  const task = cron.schedule(
    '* * * * *',
    () => {
      running = runTick(services, jobs, services.clock.now());
      return running;
    },
    { noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
