// Okra as an operator runs it, in a child process: start it with a clean environment, collect what it
// prints, know when it exits. Shared by the process-level tests (start-up, shutdown, crash and restart).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type SlackDouble, startSlackDouble } from '../../devkit/slack-stand-in/web-api/index.ts';
import { type Db, openDatabase } from '../../src/db/client.ts';
import { ADMIN, SIGNING_SECRET, waitFor } from './harness.ts';
import { createPgDatabase, TEST_PROVIDER } from './test-database.ts';

const MAIN = join(import.meta.dirname, '../../src/main.ts');
// Resolved from the project, since the child runs in a scratch directory as an operator's would.
const TSX = import.meta.resolve('tsx');

export interface RunningOkra {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** A running Okra that has said it listens, and the port it said (tests start it with PORT=0). */
export interface ListeningOkra extends RunningOkra {
  port: number;
  url: string;
}

/** The port Okra's start-up line names ("listening on :N" or "health on :N"), once it has printed it. */
export function listeningPort(output: string): number | undefined {
  const match = /(?:listening|health) on :(\d+)/.exec(output);
  return match ? Number(match[1]) : undefined;
}

/**
 * Waits until `run` says it listens and returns the port. Fails at once, with what it printed, if the
 * process exits first, and kills it if it does not listen within `timeoutMs`.
 */
export async function untilListening(run: RunningOkra, timeoutMs = 30_000): Promise<ListeningOkra> {
  const exited = () => run.child.exitCode !== null || run.child.signalCode !== null;
  try {
    await waitFor(() => listeningPort(run.output()) !== undefined || exited(), timeoutMs);
  } catch (error) {
    stopNow(run);
    throw new Error(`Okra did not start listening within ${timeoutMs} ms:\n${run.output()}`, {
      cause: error,
    });
  }
  const port = listeningPort(run.output());
  if (port === undefined) throw new Error(`Okra exited before it listened:\n${run.output()}`);
  return { ...run, port, url: `http://127.0.0.1:${port}` };
}

/** This process's environment without Okra's and Slack's settings (and npm's, which npm itself sets). */
export function cleanEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !key.startsWith('SLACK_') &&
        !key.startsWith('OKRA_') &&
        !key.startsWith('npm_') &&
        key !== 'DATABASE_URL',
    ),
  );
}

/** Collects a child's stdout and stderr and resolves `exited` with its exit code. */
export function watchChild(child: ChildProcess): RunningOkra {
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (signal) output += `\n[exited on ${signal}]`;
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

/** src/main.ts under tsx, configured only by `env`. */
export function startOkra(
  env: Record<string, string>,
  cwd = mkdtempSync(join(tmpdir(), 'okra-run-')),
): RunningOkra {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { ...cleanEnvironment(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchChild(child);
}

/** startOkra, then waits until it says it is listening (a child that never does is killed). */
export async function startListening(
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 30_000,
): Promise<ListeningOkra> {
  return untilListening(startOkra(env, cwd), timeoutMs);
}

/** SIGKILL, unless the process has already gone. */
export function stopNow(run: RunningOkra): void {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
}

/**
 * The environment of an Okra configured for the double: its token and URL, the database, ADMIN, and port 0
 * (the system picks a free port and Okra names it when it listens: no port can be taken in between).
 */
export function okraEnvironment(double: SlackDouble, databaseUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: double.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: double.url,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    OKRA_ADMINS: ADMIN,
  };
}

export interface ProcessDatabase {
  /** A scratch directory to run the process in. */
  workDir: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A scratch directory and a database for Okra to create and migrate itself, as at a first start: on
 * SQLite a file in that directory (`okra.db` unless `sqliteUrl` says otherwise), on PostgreSQL a new empty
 * database, dropped by `drop`.
 */
export async function processDatabase(
  prefix: string,
  sqliteUrl = (workDir: string) => `file:${join(workDir, 'okra.db')}`,
): Promise<ProcessDatabase> {
  const workDir = mkdtempSync(join(tmpdir(), prefix));
  if (TEST_PROVIDER === 'postgresql') return { workDir, ...(await createPgDatabase()) };
  return { workDir, url: sqliteUrl(workDir), drop: async () => {} };
}

/** What a test pushes here is undone after it, last first, whether it passed or not. */
export function cleanupsAfterEach(): Array<() => Promise<void>> {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

export interface ProcessStage {
  double: SlackDouble;
  database: ProcessDatabase;
  /** Starts Okra on the double and the database, with `env` added; resolves once it listens. */
  start(env?: Record<string, string>, timeoutMs?: number): Promise<ListeningOkra>;
  /** The test's own connection to the database Okra created. */
  connect(): Db;
}

/**
 * For tests that run Okra in child processes: each call of the returned function sets up a fresh Slack
 * double and database; the processes it starts are killed, and the double and database removed, after the test.
 */
export function processStages(prefix: string): () => Promise<ProcessStage> {
  const cleanups = cleanupsAfterEach();
  return async () => {
    const double = await startSlackDouble();
    cleanups.push(() => double.close());
    const database = await processDatabase(prefix);
    cleanups.push(database.drop);
    return {
      double,
      database,
      async start(env = {}, timeoutMs) {
        const run = await startListening(
          { ...okraEnvironment(double, database.url), ...env },
          database.workDir,
          timeoutMs,
        );
        cleanups.push(async () => stopNow(run));
        return run;
      },
      connect() {
        const connection = openDatabase(database.url);
        cleanups.push(() => connection.close());
        return connection.db;
      },
    };
  };
}
