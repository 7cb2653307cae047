// `okra import` and `okra export` as an operator runs them: the `okra` command (bin/okra.mjs, which runs dist/
// when it is up to date with src/, the sources through tsx otherwise) in a child process, in a scratch
// directory, against its own database.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { EXAMPLE_PLAN_YAML, parsePlanYaml, stringifyPlanYaml } from '../../src/plan/index.ts';
import { exportPlan } from '../../src/services/plan-export.ts';
import { buildLargePlan, PLAN_WITH_FIVE_ERRORS } from '../support/plan-fixtures.ts';
import { createPgDatabase, TEST_PROVIDER } from '../support/test-database.ts';

const OKRA = join(import.meta.dirname, '../../bin/okra.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function okra(cwd: string, databaseUrl: string, ...args: string[]): Promise<Run> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('OKRA_') && key !== 'DATABASE_URL'),
  );
  const child = spawn(process.execPath, [OKRA, ...args], {
    cwd,
    env: { ...env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

interface Scratch {
  dir: string;
  url: string;
  database: Database;
  drop(): Promise<void>;
}

async function scratch(): Promise<Scratch> {
  const dir = mkdtempSync(join(tmpdir(), 'okra-cli-'));
  if (TEST_PROVIDER === 'postgresql') {
    const created = await createPgDatabase();
    const database = openDatabase(created.url);
    return {
      dir,
      url: created.url,
      database,
      async drop() {
        await database.close();
        await created.drop();
      },
    };
  }
  const url = `file:${join(dir, 'okra.db')}`;
  const database = openDatabase(url);
  return { dir, url, database, drop: () => database.close() };
}

async function planRows(database: Database): Promise<number> {
  const { db } = database;
  const counts = await Promise.all([
    db.cycle.count(),
    db.objective.count(),
    db.keyResult.count(),
    db.kpi.count(),
    db.checkIn.count(),
    db.auditEntry.count(),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

describe(`okra import / export on ${TEST_PROVIDER}`, () => {
  let s: Scratch;
  beforeAll(async () => {
    s = await scratch();
    writeFileSync(join(s.dir, 'plan.yaml'), EXAMPLE_PLAN_YAML);
    writeFileSync(join(s.dir, 'bad.yaml'), PLAN_WITH_FIVE_ERRORS);
  });
  afterAll(() => s.drop());

  it('needs --team while the database has no workspace, and says so', async () => {
    const run = await okra(s.dir, s.url, 'import', 'plan.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The database has no workspace yet, so name the Slack workspace: --team');
    expect(await planRows(s.database)).toBe(0);
  }, 30_000);

  it('dry-runs on an empty database without --team, writing nothing, not even the workspace', async () => {
    const run = await okra(s.dir, s.url, 'import', 'plan.yaml', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Dry run of plan.yaml: nothing was written.');
    expect(run.stdout).toContain('key results: 8 new, 0 updated, 0 unchanged');
    expect(run.stdout).toContain('the import itself needs --team T0123ABCD');
    const named = await okra(s.dir, s.url, 'import', 'plan.yaml', '--team', 'T0CLI', '--dry-run');
    expect(named.code).toBe(0);
    expect(named.stdout).not.toContain('needs --team');
    expect(await planRows(s.database)).toBe(0);
    expect(await s.database.db.workspace.count()).toBe(0);
  }, 30_000);

  it('prints every problem of a bad file with its path and line, exits non-zero and writes nothing', async () => {
    const run = await okra(s.dir, s.url, 'import', 'bad.yaml', '--team', 'T0CLI');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.yaml: 5 problems; nothing was imported.');
    expect(run.stderr).toContain('objectives[0].key_results[0].target (line 14): "1,25" is ambiguous');
    expect(run.stderr).toContain('objectives[0].key_results[1].owner (line 16):');
    expect(run.stderr).toContain('objectives[1].team (line 23):');
    expect(run.stderr).toContain('objectives[1].parent (line 25):');
    expect(run.stderr).toContain('kpis[0].amber (line 33):');
    expect(await planRows(s.database)).toBe(0);
  }, 30_000);

  it('reports a problem found while writing at its line, and writes nothing', async () => {
    const twice = EXAMPLE_PLAN_YAML.replace(
      '{ date: 2026-01-14, value: 9, confidence: 7/10, comment: "Two deals slipped to February" }',
      '{ date: 2026-01-14, value: 9 }\n          - { date: 2026-01-15, value: 9.2 }',
    );
    writeFileSync(join(s.dir, 'twice.yaml'), twice);
    const run = await okra(s.dir, s.url, 'import', 'twice.yaml', '--team', 'T0CLI');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'objectives[0].key_results[0].check_ins[2].date (line 28): 2026-01-15 is in the same week (2026-W03)',
    );
    expect(await planRows(s.database)).toBe(0);
  }, 30_000);

  it('refuses a check-in dated in the future, and writes nothing', async () => {
    // The CLI runs on the real clock, so the cycle is placed around today.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const ahead = [
      `cycle: { name: "Now", start: ${day(-30)}, end: ${day(60)} }`,
      'objectives:',
      '  - title: Grow',
      '    level: company',
      '    owner: U00CEO001',
      '    key_results:',
      '      - title: Reach 100 partners',
      '        owner: U00CEO001',
      '        kind: increase',
      '        start: 0',
      '        target: 100',
      '        check_ins:',
      `          - { date: ${day(-8)}, value: 10 }`,
      `          - { date: ${day(8)}, value: 14 }`,
      '',
    ].join('\n');
    writeFileSync(join(s.dir, 'ahead.yaml'), ahead);
    const run = await okra(s.dir, s.url, 'import', 'ahead.yaml', '--team', 'T0CLI');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `objectives[0].key_results[0].check_ins[1].date (line 14): ${day(8)} is in the future (today is `,
    );
    expect(await planRows(s.database)).toBe(0);
  }, 30_000);

  it('with --dry-run counts what it would write and writes nothing', async () => {
    const run = await okra(s.dir, s.url, 'import', 'plan.yaml', '--team', 'T0CLI', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Dry run of plan.yaml: nothing was written.');
    expect(run.stdout).toContain('key results: 8 new, 0 updated, 0 unchanged');
    expect(await planRows(s.database)).toBe(0);
  }, 30_000);

  it('imports a plan, then finds the only workspace on its own and changes nothing the second time', async () => {
    const first = await okra(s.dir, s.url, 'import', 'plan.yaml', '--team', 'T0CLI');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('objectives: 4 new, 0 updated, 0 unchanged');
    expect(await s.database.db.keyResult.count()).toBe(8);
    const audit = await s.database.db.auditEntry.count();
    const again = await okra(s.dir, s.url, 'import', 'plan.yaml');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('key results: 0 new, 0 updated, 8 unchanged');
    expect(await s.database.db.auditEntry.count()).toBe(audit);
  }, 30_000);

  it('exports YAML to stdout or a file, identical to the plan the database holds', async () => {
    const workspace = await s.database.db.workspace.findFirstOrThrow();
    const expected = await exportPlan(s.database.db, workspace.id);
    const toStdout = await okra(s.dir, s.url, 'export');
    expect(toStdout.code).toBe(0);
    const parsed = parsePlanYaml(toStdout.stdout);
    expect(parsed.ok && parsed.plan).toEqual(expected);
    const toFile = await okra(s.dir, s.url, 'export', '--out', 'out/q1.yaml', '--cycle', '2026 Q1');
    expect(toFile.stdout).toContain('Wrote out/q1.yaml');
    expect(readFileSync(join(s.dir, 'out/q1.yaml'), 'utf8')).toBe(toStdout.stdout);
  }, 30_000);

  it('exports CSV files that import into an empty database', async () => {
    const run = await okra(s.dir, s.url, 'export', '--format', 'csv', '--out', 'csv');
    expect(run.code).toBe(0);
    for (const name of ['key_results.csv', 'check_ins.csv', 'kpis.csv', 'kpi_readings.csv'])
      expect(existsSync(join(s.dir, 'csv', name))).toBe(true);
    expect(run.stderr).toContain('leave out the 2 risk(s)');

    const other = await scratch();
    try {
      const imported = await okra(s.dir, other.url, 'import', 'csv/key_results.csv', '--team', 'T0OTHER');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain('check-ins: 2 new');
      expect(imported.stdout).toContain('KPI readings: 2 new');
      expect(await other.database.db.keyResult.count()).toBe(8);
    } finally {
      await other.drop();
    }
  }, 60_000);

  it('points at the CSV line and column of a problem', async () => {
    const csv = readFileSync(join(s.dir, 'csv', 'key_results.csv'), 'utf8').replace(
      ',increase,8,15,',
      ',increase,8,oops,',
    );
    writeFileSync(join(s.dir, 'csv', 'key_results.csv'), csv);
    const run = await okra(s.dir, s.url, 'import', 'csv/key_results.csv');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/key_results\.csv line 2, column kr_target: /);
  }, 30_000);

  it('imports a large plan in one go', async () => {
    const other = await scratch();
    try {
      writeFileSync(join(other.dir, 'large.yaml'), stringifyPlanYaml(buildLargePlan(3)));
      const run = await okra(other.dir, other.url, 'import', 'large.yaml', '--team', 'T0LARGE');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('objectives: 12 new');
      expect(run.stdout).toContain('key results: 40 new');
      expect(run.stdout).toContain('KPIs: 8 new');
    } finally {
      await other.drop();
    }
  }, 60_000);
});
