// `npm test`: lint, type-check, then the whole vitest suite on SQLite and again on PostgreSQL.
// Under CI (CI=true) PostgreSQL must be reachable; elsewhere its run is skipped with a plain notice.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_URL = process.env.OKRA_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const extra = process.argv.slice(2);

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

function suite(provider) {
  const dir = mkdtempSync(join(tmpdir(), 'okra-results-'));
  const file = join(dir, 'results.json');
  const status = run(
    `tests on ${provider}`,
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...extra],
    {
      OKRA_TEST_DB: provider,
      OKRA_TEST_PG_URL: PG_URL,
    },
  );
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const results = JSON.parse(readFileSync(file, 'utf8'));
    passed = results.numPassedTests;
    failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
    skipped = results.numPendingTests + results.numTodoTests;
  } catch {
    failed = Math.max(failed, 1);
  }
  rmSync(dir, { recursive: true, force: true });
  if (status !== 0 && failed === 0) failed = 1;
  return { provider, passed, failed, skipped };
}

const checks = [
  ['lint (biome)', 'npx', ['biome', 'check', '.']],
  ['type-check (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
];
let ok = true;
if (extra.length === 0) {
  for (const [label, command, args] of checks) ok = run(label, command, args) === 0 && ok;
}
const results = [suite('sqlite')];
if (await postgresReachable()) {
  results.push(suite('postgresql'));
} else if (inCi) {
  console.log('PostgreSQL is required under CI: failing.');
  ok = false;
} else {
  console.log(
    '\nPostgreSQL suite SKIPPED: no database at OKRA_TEST_PG_URL. The SQLite suite ran; CI runs both.',
  );
}
console.log('\n== summary');
for (const r of results)
  console.log(`${r.provider}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }), {
  passed: 0,
  failed: 0,
});
if (!ok) console.log('lint, type-check or PostgreSQL availability failed (see above)');
console.log(`${total.passed} passed, ${total.failed + (ok ? 0 : 1)} failed`);
process.exit(ok && total.failed === 0 ? 0 : 1);
