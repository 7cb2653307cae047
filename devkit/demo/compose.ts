// The demo's composition root: the production app (createApp, the scheduler's jobs, the migrated database)
// with two substitutions, exactly as the end-to-end tests make them: Slack is the in-process stand-in
// (devkit/slack-stand-in) and time is a fast clock whose ticks run the scheduler's jobs.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp, type Okra } from '../../src/app.ts';
import { fixedClock } from '../../src/clock.ts';
import { parseConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrations.ts';
import { markCreated, markerOf } from '../../src/db/sqlite-file.ts';
import { scheduledJobs } from '../../src/jobs/index.ts';
import { runTick } from '../../src/jobs/scheduler.ts';
import { silentLogger } from '../../src/logger.ts';
import { botUserSpec } from '../slack-stand-in/web-api/defaults.ts';
import { DEFAULT_IDENTITY, type SlackDouble, startSlackDouble } from '../slack-stand-in/web-api/index.ts';
import { CHANNELS, PEOPLE, slackUsers } from './company/people.ts';

export const SIGNING_SECRET = 'demo-signing-secret';
export const WORKSPACE_TIME_ZONE = 'Europe/Berlin';

export interface DemoApp {
  slack: SlackDouble;
  okra: Okra;
  database: Database;
  databaseUrl: string;
  appUrl: string;
  clock: ReturnType<typeof fixedClock>;
  /** One scheduler tick at the clock's time (the jobs main.ts registers); resolves when all is settled. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh SQLite database in `outDir`, migrated as `npm start` would; the file stays for `okra export`. */
async function freshDatabase(outDir: string): Promise<{ url: string; database: Database }> {
  mkdirSync(outDir, { recursive: true });
  const file = join(resolve(outDir), 'okra.db');
  for (const leftover of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, markerOf(file)])
    if (existsSync(leftover)) rmSync(leftover);
  const url = `file:${file}`;
  await applyMigrations(url, 'sqlite');
  markCreated(file, new Date());
  return { url, database: openDatabase(url) };
}

export async function composeDemo(outDir: string, startAt: string): Promise<DemoApp> {
  const clock = fixedClock(startAt);
  const slack = await startSlackDouble({
    defaults: false,
    chatWritePublic: true,
    users: [botUserSpec(DEFAULT_IDENTITY.botUserId), ...slackUsers()],
    channels: Object.values(CHANNELS),
    clock: () => clock.now().getTime(),
  });
  const { url, database } = await freshDatabase(outDir);
  const config = parseConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    DATABASE_URL: url,
    OKRA_ADMINS: PEOPLE.jonas.id,
    OKRA_PMO_CHANNEL: CHANNELS.pmo.id,
    OKRA_DEFAULT_TZ: WORKSPACE_TIME_ZONE,
  });
  const okra = createApp({ config, database, clock, logger: silentLogger });
  const jobs = scheduledJobs(okra.outbox, okra.profiles);
  const port = await okra.start(0);
  return {
    slack,
    okra,
    database,
    databaseUrl: url,
    appUrl: `http://127.0.0.1:${port}`,
    clock,
    async tick() {
      await runTick(okra.services, jobs, clock.now());
      await okra.idle();
    },
    async close() {
      await okra.stop();
      await slack.close();
      await database.close();
    },
  };
}
