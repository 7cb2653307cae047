// Every tick reads the profiles of new owners; once a day the stale ones are refreshed (src/slack/profiles).
import type { Job } from './scheduler.ts';

export interface ProfileRunner {
  refresh(at: Date): Promise<unknown>;
}

export function profilesJob(profiles: ProfileRunner): Job {
  return async (_services, at) => {
    await profiles.refresh(at);
  };
}
