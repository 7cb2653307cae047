// Start-up: configuration -> database (migrated) -> app -> scheduler; signals and a bounded shutdown.
import { existsSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import { ConfigError, parseConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { applyMigrations } from './db/migrations.ts';
import { providerOf, redactUrl, sqliteFilePath } from './db/provider.ts';
import { markCreated, missingDatabase } from './db/sqlite-file.ts';
import { scheduledJobs } from './jobs/index.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { createLogger } from './logger.ts';

const SHUTDOWN_LIMIT_MS = 10_000;

async function main(): Promise<void> {
  // Node sized its heap before .env is read: OKRA_HEAP_MB there comes too late to count (see below).
  const heapFromEnvironment = process.env.OKRA_HEAP_MB;
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  if (process.env.OKRA_HEAP_MB !== heapFromEnvironment)
    logger.warn(
      `OKRA_HEAP_MB in .env has no effect (Node sized its heap, ${heapLimitMb} MB, before reading .env): set it in the environment of npm start`,
    );
  const sqliteFile =
    providerOf(config.databaseUrl) === 'sqlite' ? sqliteFilePath(config.databaseUrl) : undefined;
  const missing = sqliteFile ? missingDatabase(sqliteFile) : undefined;
  if (missing) {
    logger.error(missing);
    process.exit(1);
  }
  const database = openDatabase(config.databaseUrl);
  const applied = await applyMigrations(config.databaseUrl, database.provider);
  if (sqliteFile) markCreated(sqliteFile, systemClock.now());
  logger.info(
    `database ${database.provider} at ${redactUrl(config.databaseUrl)}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`,
  );
  const okra = createApp({ config, database, clock: systemClock, logger });
  const scheduler = startScheduler(okra.services, scheduledJobs(okra.outbox, okra.profiles));
  // Whatever an earlier run left undelivered goes out now, not at the first tick.
  okra.outbox.wake();
  // Signals are handled before Okra says it is listening: whoever waits for that line may stop it at once.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing in-flight requests`);
    const timer = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    timer.unref();
    // Requests in flight finish and the outbox stops claiming (its sends in flight get a bounded moment);
    // a tick still running is not waited for past that: what it left is picked up at the next start.
    await okra.stop();
    await Promise.race([scheduler.stop(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  // A fault in one request must not take every other request down with the process.
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection (the process keeps running)', reason),
  );
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  const port = await okra.start();
  logger.info(
    config.slackAppToken
      ? `Okra is running in Socket Mode (health on :${port})`
      : `Okra is listening on :${port}/slack/events`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Okra failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
