// Okra as an operator runs it: `npm start`'s entry point in a child process, configured by environment.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendCommand } from '../../devkit/slack-stand-in/driver.ts';
import { type SlackDouble, startSlackDouble } from '../../devkit/slack-stand-in/web-api/index.ts';
import { ADMIN, MEMBER, SIGNING_SECRET, waitFor } from '../support/harness.ts';
import {
  okraEnvironment,
  type ProcessDatabase,
  processDatabase,
  type ListeningOkra as Running,
  startListening,
  startOkra,
  stopNow,
} from '../support/okra-process.ts';
import { TEST_PROVIDER } from '../support/test-database.ts';

async function healthy(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
  } catch {
    return 0;
  }
}

describe('starting without Slack settings', () => {
  it('names each missing variable and where to get it, and exits non-zero without a stack trace', async () => {
    const run = startOkra({});
    const code = await run.exited;
    expect(code).not.toBe(0);
    const output = run.output();
    expect(output).toContain('SLACK_BOT_TOKEN is missing');
    expect(output).toContain('SLACK_SIGNING_SECRET is missing');
    expect(output).toContain('manifest.yml');
    expect(output).toContain('README');
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 30_000);

  it('stops at start-up on an OKRA_DEFAULT_TZ that is not a time zone, naming it', async () => {
    const run = startOkra({
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: 'secret',
      OKRA_DEFAULT_TZ: 'Mars/Olympus',
    });
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toContain('OKRA_DEFAULT_TZ is not a time zone Okra knows');
    expect(run.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 30_000);
});

describe('OKRA_HEAP_MB in .env', () => {
  it('is named in a warning at start-up, since Node sized its heap before reading .env', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'okra-run-'));
    writeFileSync(join(workDir, '.env'), 'OKRA_HEAP_MB=512\n');
    const run = await startListening(
      {
        SLACK_BOT_TOKEN: 'xoxb-0000-heap',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        DATABASE_URL: 'file:./okra.db',
        PORT: '0',
      },
      workDir,
    );
    run.child.kill('SIGTERM');
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toMatch(/OKRA_HEAP_MB in \.env has no effect \(Node sized its heap, \d+ MB/);
  }, 40_000);
});

describe(`a configured Okra on ${TEST_PROVIDER}`, () => {
  let double: SlackDouble;
  let run: Running;
  let database: ProcessDatabase;

  beforeAll(async () => {
    double = await startSlackDouble();
    // A relative SQLite path, as in .env.example: the file is made under the working directory.
    database = await processDatabase('okra-run-', () => 'file:./data/okra.db');
    run = await startListening(okraEnvironment(double, database.url), database.workDir);
  }, 40_000);

  /** A signed slash command to the running Okra. */
  const send = (command: Parameters<typeof sendCommand>[2], options?: Parameters<typeof sendCommand>[3]) =>
    sendCommand(run.url, SIGNING_SECRET, command, options);

  afterAll(async () => {
    if (run) stopNow(run);
    await double.close();
    await database.drop();
  });

  it('creates and migrates a new database, and /healthz answers 200', async () => {
    expect(await healthy(run.port)).toBe(200);
    if (TEST_PROVIDER === 'sqlite') expect(existsSync(join(database.workDir, 'data', 'okra.db'))).toBe(true);
    expect(run.output()).toMatch(/applied \d{14}_init/);
    expect(run.output()).not.toContain(double.botToken);
  });

  it('answers a signed /okr help with 200 and the help text', async () => {
    const responseUrl = double.newResponseUrl();
    const response = await send({ userId: MEMBER, text: 'help', responseUrl });
    expect(response.status).toBe(200);
    await waitFor(() => double.responsesTo(responseUrl).length > 0);
    expect(String(double.responsesTo(responseUrl)[0]!.body.text)).toContain('/okr help');
  });

  it('refuses a bad signature and a stale timestamp with 401', async () => {
    expect((await send({ userId: MEMBER, text: 'help' }, { badSignature: true })).status).toBe(401);
    expect((await send({ userId: MEMBER, text: 'help' }, { ageSeconds: 301 })).status).toBe(401);
  });

  it('on SIGTERM finishes the work in flight, then exits 0 within 10 s', async () => {
    // The modal opens after the command is acknowledged; Slack answers slowly, so it is still in flight.
    double.failNext('views.open', { delayMs: 1500 });
    const triggerId = double.newTriggerId();
    const response = await send({ userId: ADMIN, text: 'cycle add', triggerId });
    expect(response.status).toBe(200);
    await waitFor(() => double.calls.some((call) => call.method === 'views.open'), 5000).catch(() => {});
    run.child.kill('SIGTERM');
    // Past 10 s the process gives up and exits 1, so exit code 0 also means it stopped in time.
    const code = await run.exited;
    expect(code).toBe(0);
    const opened = double.callsTo('views.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.ok).toBe(true);
    expect(run.output()).toContain('stopped');
  }, 20_000);
});

describe.runIf(TEST_PROVIDER === 'sqlite')('restarting after the SQLite file was deleted', () => {
  it('refuses to start on a new empty database, says why, and creates nothing', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'okra-run-'));
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-0000-restart',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      DATABASE_URL: 'file:./data/okra.db',
      PORT: '0',
    };
    const first = await startListening(env, workDir);
    first.child.kill('SIGTERM');
    expect(await first.exited, first.output()).toBe(0);
    const file = join(workDir, 'data', 'okra.db');
    rmSync(file);

    const second = startOkra(env, workDir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('is missing, but Okra created it before');
    expect(existsSync(file)).toBe(false);
  }, 40_000);
});
