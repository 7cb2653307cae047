// `npm test`: lint, type-check, then the whole vitest suite on SQLite and on PostgreSQL.
// Under CI (CI=true) PostgreSQL must be reachable; elsewhere its run is skipped with a plain notice.
//
// The two engines run at the same time, each in two vitest processes (one test file at a time in each on
// a 2-core machine; see engine() below): the `main` project, mostly CPU-bound, and the `waiting` project
// (vitest.config.ts), whose files mostly wait on real time (Retry-After pauses, child processes), so their
// waits overlap the other files' work. OKRA_TEST_SERIAL=1 runs the four one after another instead. Every
// line a process prints is prefixed with its run (`[sqlite]`, `[postgresql/waiting]`, ...); each test file
// creates its own database (a temporary SQLite file, or a PostgreSQL database with a random name), so the
// runs share nothing. With arguments (`npm test -- tests/e2e/update.test.ts`), lint and type-check are
// skipped and each engine runs the matching files in one process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

const PG_URL = process.env.OKRA_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const extra = process.argv.slice(2);
const started = Date.now();
/** How many of each run's slowest files the summary lists (OKRA_TEST_SLOWEST, default 5). */
const SLOWEST = Number(process.env.OKRA_TEST_SLOWEST ?? 5);
/** OKRA_TEST_SERIAL=1: the runs one after another, as before (for a machine too loaded to share). */
const SERIAL = process.env.OKRA_TEST_SERIAL === '1';

function run(label, command, args, env = {}) {
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    console.log(`PostgreSQL at ${PG_URL.replace(/:[^:@/]+@/, ':***@')} is not reachable: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const seconds = (ms) => `${Math.round(ms / 1000)} s`;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
const plain = (line) => line.replace(/\x1b\[[0-9;]*m/g, '');

/** One vitest process on one engine; its output is prefixed line by line and kept for the failure recap. */
function vitest(label, provider, args) {
  const dir = mkdtempSync(join(tmpdir(), 'okra-results-'));
  const file = join(dir, 'results.json');
  const begun = Date.now();
  const lines = [];
  const child = spawn(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
        OKRA_TEST_DB: provider,
        OKRA_TEST_PG_URL: PG_URL,
      },
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      console.log(`[${label}] ${line}`);
    });
  }
  console.log(`[${label}] started: npx vitest run ${args.join(' ')} (OKRA_TEST_DB=${provider})`);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      let slowest = [];
      try {
        const results = JSON.parse(readFileSync(file, 'utf8'));
        slowest = results.testResults
          .map((f) => ({ file: relative(process.cwd(), f.name), ms: f.endTime - f.startTime }))
          .sort((a, b) => b.ms - a.ms)
          .slice(0, SLOWEST);
        passed = results.numPassedTests;
        failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
        skipped = results.numPendingTests + results.numTodoTests;
      } catch {
        failed = Math.max(failed, 1);
      }
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0 && failed === 0) failed = 1;
      const ms = Date.now() - begun;
      console.log(
        `[${label}] finished in ${seconds(ms)}: ${passed} passed, ${failed} failed, ${skipped} skipped`,
      );
      resolve({ label, provider, passed, failed, skipped, ms, lines, slowest });
    });
  });
}

/**
 * The runs of one engine: both projects, or the files asked for in one process. At the same time, each
 * process gets an equal share of the cores less one (for vitest itself, PostgreSQL and the other project),
 * at least one worker: one file at a time on a 2-core machine (vitest's own default there, cores - 1),
 * three on 8 cores, where four processes at vitest's default would run 28 files at once. One after
 * another (OKRA_TEST_SERIAL=1), each keeps vitest's default.
 */
function engine(provider, _index, providers) {
  const share = Math.max(1, Math.floor(availableParallelism() / providers.length) - 1);
  const workers = SERIAL ? [] : [`--maxWorkers=${share}`];
  if (extra.length > 0) return [() => vitest(provider, provider, [...workers, ...extra])];
  return [
    () => vitest(provider, provider, ['--project', 'main', ...workers]),
    () => vitest(`${provider}/waiting`, provider, ['--project', 'waiting', ...workers]),
  ];
}

const checks = [
  ['lint (biome)', 'npx', ['biome', 'check', '.']],
  ['type-check (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
];
let ok = true;
if (extra.length === 0) {
  for (const [label, command, args] of checks) ok = run(label, command, args) === 0 && ok;
}
// `npm start` (npm-start-shutdown.test.ts, on each engine) rebuilds dist/ when src/ is newer: build once
// here so that two runs never rebuild it at the same time. A no-op after `npm install` / `npm ci`.
ok = run('build dist/ if src/ is newer', 'node', ['scripts/build.mjs', '--if-stale']) === 0 && ok;

const providers = ['sqlite'];
if (await postgresReachable()) {
  providers.push('postgresql');
} else if (inCi) {
  console.log('PostgreSQL is required under CI: failing.');
  ok = false;
} else {
  console.log(
    '\nPostgreSQL suite SKIPPED: no database at OKRA_TEST_PG_URL. The SQLite suite ran; CI runs both.',
  );
}
console.log(
  `\n== tests on ${providers.join(' and ')}, ${SERIAL ? 'one run after another' : 'at the same time'} (each line is prefixed with its run)`,
);
const planned = providers.flatMap(engine);
const runs = [];
if (SERIAL) for (const start of planned) runs.push(await start());
else runs.push(...(await Promise.all(planned.map((start) => start()))));

for (const r of runs.filter((r) => r.failed > 0)) {
  // The failures again, unprefixed and together, since the runs' output was interleaved.
  const from = r.lines.findIndex((line) => /Failed (Tests|Suites) \d|Unhandled Error/.test(plain(line)));
  console.log(`\n== failures in ${r.label}`);
  console.log(r.lines.slice(from === -1 ? Math.max(0, r.lines.length - 60) : from).join('\n'));
}

console.log('\n== slowest files');
for (const r of runs)
  for (const f of r.slowest) console.log(`${r.label}: ${f.file} ${(f.ms / 1000).toFixed(1)} s`);

console.log('\n== summary');
const results = providers.map((provider) => {
  const mine = runs.filter((r) => r.provider === provider);
  const sum = (key) => mine.reduce((total, r) => total + r[key], 0);
  const times = mine.map((r) => `${r.label} ${seconds(r.ms)}`).join(', ');
  return { provider, passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped'), times };
});
for (const r of results)
  console.log(`${r.provider}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.times})`);
if (!providers.includes('postgresql'))
  console.log(`postgresql: SKIPPED (not reachable${inCi ? '; required under CI' : ''})`);
const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }), {
  passed: 0,
  failed: 0,
});
if (!ok) console.log('lint, type-check, build or PostgreSQL availability failed (see above)');
console.log(`whole run: ${seconds(Date.now() - started)}`);
console.log(`${total.passed} passed, ${total.failed + (ok ? 0 : 1)} failed`);
process.exit(ok && total.failed === 0 ? 0 : 1);
