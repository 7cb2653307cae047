// The minute tick that will drive check-in prompts and digests. Jobs register here; stop() waits for a tick
// in progress so shutdown never cuts a send in half.
import cron from 'node-cron';
import type { Services } from '../slack/commands/types.ts';

export type Job = (services: Services, at: Date) => Promise<void>;

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(services: Services, jobs: readonly Job[] = []): Scheduler {
  let running: Promise<void> = Promise.resolve();
  const task = cron.schedule('* * * * *', () => {
    running = running.then(async () => {
      const at = services.clock.now();
      for (const job of jobs) {
        try {
          await job(services, at);
        } catch (error) {
          services.logger.error('scheduled job failed', error);
        }
      }
    });
  });
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
