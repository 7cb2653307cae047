// Shutdown the way a container runtime or an operator does it: SIGTERM during a burst of commands, sent
// either to the process `npm start` started or to npm itself. Okra must exit 0 every time, and every
// command Slack saw acknowledged must be done and answered.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendCommand } from '../../devkit/slack-stand-in/driver.ts';
import { type SlackDouble, startSlackDouble } from '../../devkit/slack-stand-in/web-api/index.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { PROJECT_ROOT } from '../../src/db/provider.ts';
import { ADMIN, SIGNING_SECRET } from '../support/harness.ts';
import {
  cleanEnvironment,
  okraEnvironment,
  type ProcessDatabase,
  processDatabase,
  type RunningOkra,
  untilListening,
  watchChild,
} from '../support/okra-process.ts';

const RUNS_PER_TARGET = 10;
const BURST = 24;
/** SIGTERM goes out after this many commands were sent: the rest arrive while Okra stops. */
const SIGNAL_AFTER = 8;

let double: SlackDouble;
let created: ProcessDatabase;
let database: Database;

beforeAll(async () => {
  // `npm install` builds dist/; a checkout whose sources changed since is rebuilt here, as `npm start` would.
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: PROJECT_ROOT });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  double = await startSlackDouble();
  created = await processDatabase('okra-npm-');
}, 120_000);
afterAll(async () => {
  await database?.close();
  await double.close();
  await created.drop();
});

/** The node process running dist/main.js under npm (npm's shell may or may not have exec'd it). */
function okraUnder(npmPid: number): { pid: number; args: string } | undefined {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const family = new Set([npmPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows)
      if (family.has(row.ppid) && !family.has(row.pid)) {
        family.add(row.pid);
        grew = true;
      }
  }
  return rows.find((row) => family.has(row.pid) && row.pid !== npmPid && row.args.includes('dist/main.js'));
}

function npmStart(): RunningOkra {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: PROJECT_ROOT,
    env: { ...cleanEnvironment(), ...okraEnvironment(double, created.url) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchChild(child);
}

async function burstWithSigterm(run: number, target: 'okra' | 'npm'): Promise<void> {
  // npm start first rebuilds dist/ when a source is newer (never in CI, where npm install just built it).
  const okra = await untilListening(npmStart(), 60_000);
  const node = okraUnder(okra.child.pid!);
  expect(node).toBeDefined();
  // npm start gives Node its heap limit (OKRA_HEAP_MB, 192 MB unless set).
  expect(node!.args).toContain('--max-old-space-size=192');
  const signalled = target === 'npm' ? okra.child.pid! : node!.pid;

  const sent: Array<Promise<{ name: string; responseUrl: string; acknowledged: boolean }>> = [];
  for (let i = 0; i < BURST; i++) {
    if (i === SIGNAL_AFTER) process.kill(signalled!, 'SIGTERM');
    const name = `${target} ${run}-${i}`;
    const responseUrl = double.newResponseUrl({ userId: ADMIN });
    sent.push(
      sendCommand(okra.url, SIGNING_SECRET, {
        userId: ADMIN,
        text: `cycle add "${name}" 2027-01-01 2027-03-31`,
        responseUrl,
      })
        .then((response) => ({ name, responseUrl, acknowledged: response.status === 200 }))
        .catch(() => ({ name, responseUrl, acknowledged: false })),
    );
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  const results = await Promise.all(sent);
  expect(await okra.exited, okra.output()).toBe(0);
  expect(okra.output()).toContain('stopped');

  database ??= openDatabase(created.url);
  const acknowledged = results.filter((r) => r.acknowledged);
  expect(acknowledged.length).toBeGreaterThan(0);
  const made = new Set((await database.db.cycle.findMany({ select: { name: true } })).map((c) => c.name));
  for (const command of acknowledged) {
    expect(made.has(command.name), `${command.name} was acknowledged but not done`).toBe(true);
    expect(double.responsesTo(command.responseUrl), `${command.name} got no answer`).toHaveLength(1);
  }
}

describe('SIGTERM during a burst of commands, through npm start', () => {
  it(`exits 0 with every acknowledged command done and answered, signalling Okra itself ${RUNS_PER_TARGET} times`, async () => {
    for (let run = 0; run < RUNS_PER_TARGET; run++) await burstWithSigterm(run, 'okra');
  }, 180_000);

  it(`does the same when npm itself gets the signal, ${RUNS_PER_TARGET} times`, async () => {
    for (let run = 0; run < RUNS_PER_TARGET; run++) await burstWithSigterm(run, 'npm');
  }, 180_000);
});
