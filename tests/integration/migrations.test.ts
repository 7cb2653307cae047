import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module shared with `npm install`
import { PROVIDERS, renderSchema, schemaPath } from '../../scripts/schema.mjs';
import { openDatabase } from '../../src/db/client.ts';
import { applyMigrations, createMigration } from '../../src/db/migrations.ts';
import { PROJECT_ROOT } from '../../src/db/provider.ts';
import {
  createPgDatabase,
  createTestDatabase,
  PG_BASE_URL,
  TEST_PROVIDER,
} from '../support/test-database.ts';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('the model has one source', () => {
  it.each(PROVIDERS as string[])('the rendered %s schema matches the template', (provider) => {
    const committed = readFileSync(schemaPath(provider), 'utf8');
    expect(committed, 'run npm run db:render and commit the result').toBe(renderSchema(provider));
  });

  it('each provider has migrations that build exactly the rendered schema', async () => {
    for (const provider of ['sqlite', 'postgresql'] as const) {
      const url = provider === 'sqlite' ? 'file::memory:' : PG_BASE_URL;
      if (provider === 'postgresql' && TEST_PROVIDER !== 'postgresql') continue;
      expect(await createMigration(url, provider, 'should_be_empty', { root: copyOfProject() })).toBeNull();
    }
  });
});

describe(`migrations on ${TEST_PROVIDER}`, () => {
  it('applies every migration to a new database, and nothing the second time', async () => {
    const target =
      TEST_PROVIDER === 'postgresql'
        ? await createPgDatabase()
        : { url: `file:${join(mkdtempSync(join(tmpdir(), 'okra-mig-')), 'fresh.db')}`, drop: async () => {} };
    try {
      const first = await applyMigrations(target.url, TEST_PROVIDER);
      const migrationCount = readdirSync(join(PROJECT_ROOT, 'prisma', TEST_PROVIDER, 'migrations'), {
        withFileTypes: true,
      }).filter((entry) => entry.isDirectory()).length;
      expect(first).toHaveLength(migrationCount);
      const database = openDatabase(target.url);
      const before = await database.db.$queryRawUnsafe<unknown[]>('SELECT * FROM "_prisma_migrations"');
      expect(await applyMigrations(target.url, TEST_PROVIDER)).toEqual([]);
      const after = await database.db.$queryRawUnsafe<unknown[]>('SELECT * FROM "_prisma_migrations"');
      expect(after).toEqual(before);
      await database.close();
    } finally {
      await target.drop();
    }
  });

  it('gives a working database that the client can write to and read from', async () => {
    const database = await createTestDatabase();
    try {
      const workspace = await database.db.workspace.create({ data: { slackTeamId: 'T1' } });
      expect(await database.db.workspace.findUnique({ where: { id: workspace.id } })).toMatchObject({
        slackTeamId: 'T1',
      });
      expect(await database.ping()).toBe(true);
    } finally {
      await database.drop();
    }
  });

  // The digest's portfolio query is estimated costly enough for PostgreSQL to JIT-compile it on every run,
  // which took several times the query itself (README, Benchmarks).
  it.runIf(TEST_PROVIDER === 'postgresql')(
    "turns PostgreSQL's JIT compilation off on every connection of the pool",
    async () => {
      const database = await createTestDatabase();
      try {
        // Several at once, so the pool opens several connections.
        const answers = await Promise.all(
          Array.from({ length: 5 }, () =>
            database.db.$transaction((tx) => tx.$queryRawUnsafe<Array<{ jit: string }>>('SHOW jit')),
          ),
        );
        expect(answers.map((rows) => rows[0]?.jit)).toEqual(['off', 'off', 'off', 'off', 'off']);
      } finally {
        await database.drop();
      }
    },
  );
});

describe('a model change gets a new migration for both providers, offline', () => {
  it('writes SQL that adds the new column, for SQLite and PostgreSQL', async () => {
    const root = copyOfProject();
    const templatePath = join(root, 'prisma', 'schema.template.prisma');
    const changed = readFileSync(templatePath, 'utf8').replace(
      '  mitigation   String     @default("")',
      '  mitigation   String     @default("")\n  reviewNote   String     @default("")',
    );
    writeFileSync(templatePath, changed);
    for (const provider of PROVIDERS as Array<'sqlite' | 'postgresql'>) {
      writeFileSync(join(root, 'prisma', provider, 'schema.prisma'), renderSchema(provider, changed));
    }
    const sqlite = await createMigration('file::memory:', 'sqlite', 'add review note', { root });
    expect(sqlite).toMatch(/_add_review_note$/);
    const sqliteSql = readFileSync(
      join(root, 'prisma', 'sqlite', 'migrations', sqlite!, 'migration.sql'),
      'utf8',
    );
    expect(sqliteSql).toContain('reviewNote');
    if (TEST_PROVIDER === 'postgresql') {
      const postgres = await createMigration(PG_BASE_URL, 'postgresql', 'add review note', { root });
      const pgSql = readFileSync(
        join(root, 'prisma', 'postgresql', 'migrations', postgres!, 'migration.sql'),
        'utf8',
      );
      expect(pgSql).toMatch(/ALTER TABLE "Risk" ADD COLUMN\s+"reviewNote" TEXT NOT NULL DEFAULT ''/);
    }
  });
});

function copyOfProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'okra-model-'));
  scratch.push(root);
  cpSync(join(PROJECT_ROOT, 'prisma'), join(root, 'prisma'), { recursive: true });
  return root;
}
