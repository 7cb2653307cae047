// A fresh, migrated database per test file, on the engine the suite runs on (OKRA_TEST_DB).

import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrations.ts';
import type { Provider } from '../../src/db/provider.ts';

export const TEST_PROVIDER: Provider = process.env.OKRA_TEST_DB === 'postgresql' ? 'postgresql' : 'sqlite';
export const PG_BASE_URL = process.env.OKRA_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface TestDatabase extends Database {
  url: string;
  drop(): Promise<void>;
}

let sqliteTemplate: Promise<string> | undefined;

/** Migrating SQLite once and copying the file keeps each test file's set-up to a few milliseconds. */
function migratedSqliteTemplate(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'okra-template-')), 'template.db');
    await applyMigrations(`file:${file}`, 'sqlite');
    return file;
  })();
  return sqliteTemplate;
}

export function pgUrlFor(database: string): string {
  const url = new URL(PG_BASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `okra_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: pgUrlFor(name),
    async drop() {
      const client = new pg.Client({ connectionString: PG_BASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(provider: Provider = TEST_PROVIDER): Promise<TestDatabase> {
  if (provider === 'postgresql') {
    const created = await createPgDatabase();
    await applyMigrations(created.url, 'postgresql');
    const database = openDatabase(created.url);
    return {
      ...database,
      url: created.url,
      async drop() {
        await database.close();
        await created.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'okra-test-'));
  const file = join(dir, 'okra.db');
  copyFileSync(await migratedSqliteTemplate(), file);
  const url = `file:${file}`;
  const database = openDatabase(url);
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
