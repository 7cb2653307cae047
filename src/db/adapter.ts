// Driver adapters: Prisma 7 talks to the database through these, with no native query engine.

import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import pg, { type PoolConfig } from 'pg';
import { type Provider, providerOf, sqliteFilePath } from './provider.ts';

export type AdapterFactory = PrismaBetterSqlite3 | PrismaPg;

export function createAdapterFactory(databaseUrl: string): { provider: Provider; factory: AdapterFactory } {
  const provider = providerOf(databaseUrl);
  if (provider === 'postgresql') {
    return { provider, factory: new PrismaPg({ ...poolConfigOf(databaseUrl), max: 10, onConnect: jitOff }) };
  }
  const file = sqliteFilePath(databaseUrl);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // A shadow database is only used when a new migration is diffed; in memory is enough for SQLite.
  return {
    provider,
    factory: new ServerSqlite(
      { url: file, timeout: SQLITE_BUSY_TIMEOUT_MS },
      { shadowDatabaseUrl: ':memory:' },
    ),
  };
}

/**
 * How long one statement waits for another process's write lock (an `okra import` from the command line).
 * better-sqlite3 waits synchronously, so this is also the longest the event loop can stall on a lock: short
 * enough that acknowledgements and /healthz are still answered within Slack's 3 s.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 250;

/**
 * SQLite set up for a server: write-ahead logging lets the app read while another process writes, and
 * `synchronous = NORMAL` (safe with WAL: a power cut can lose the last commits, never corrupt the file)
 * avoids one disk flush per statement, which made an hourly sweep of 5,000 key results take a minute.
 */
class ServerSqlite extends PrismaBetterSqlite3 {
  override async connect(): Promise<SqlDriverAdapter> {
    const adapter = await super.connect();
    await adapter.executeScript('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    return adapter;
  }
}

/**
 * JIT compilation off on each of Okra's PostgreSQL connections, before the pool hands it out. Okra's queries
 * are short, but a few read the whole portfolio with a subquery per key result (the digest's), whose
 * estimated cost passes PostgreSQL's JIT thresholds: compiling took 0.35 to 1 s per run, several times the
 * query's own work (README, Benchmarks). A session setting rather than a startup option (`-c jit=off`),
 * which some connection poolers refuse; a server that rejects it (before PostgreSQL 11) runs as before.
 */
async function jitOff(client: pg.ClientBase): Promise<void> {
  await client.query('SET jit = off').catch(() => undefined);
}

/**
 * Explicit pool settings rather than a connection string: the adapter creates its migration shadow
 * database by overriding `database`, which a connection string would silently win over.
 */
function poolConfigOf(databaseUrl: string): PoolConfig {
  const url = new URL(databaseUrl);
  const sslmode = url.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(url.hostname) || url.searchParams.get('host') || 'localhost',
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined,
    ...(sslmode && sslmode !== 'disable' ? { ssl: { rejectUnauthorized: sslmode === 'verify-full' } } : {}),
  };
}

export interface ShadowDatabase {
  adapter: SqlDriverAdapter;
  release(): Promise<void>;
}

/**
 * A scratch database for diffing migrations. For PostgreSQL we create and drop it ourselves: the adapter's
 * own shadow database is dropped while its pool still holds a connection, so the DROP fails and it is left
 * behind. SQLite's shadow database lives in memory.
 */
export async function connectShadowDatabase(databaseUrl: string): Promise<ShadowDatabase> {
  const { provider, factory } = createAdapterFactory(databaseUrl);
  if (provider === 'sqlite') {
    const adapter = await factory.connectToShadowDb();
    return { adapter, release: () => adapter.dispose() };
  }
  const name = `okra_shadow_${randomUUID().replaceAll('-', '')}`;
  const admin = await factory.connect();
  await admin.executeScript(`CREATE DATABASE "${name}"`);
  const pool = new CharAsTextPool({ ...poolConfigOf(databaseUrl), database: name, max: 2 });
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  return {
    adapter,
    async release() {
      await disposeQuietly(adapter);
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.dispose();
    },
  };
}

/** The schema engine disposes some connections itself; a second dispose must not fail the whole run. */
export async function disposeQuietly(adapter: SqlDriverAdapter): Promise<void> {
  try {
    await adapter.dispose();
  } catch (error) {
    if (!/more than once|already/i.test(String(error))) throw error;
  }
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The schema engine reads PostgreSQL's catalog, whose one-byte "char" columns (such as relkind) the pg
 * adapter does not map, failing with "Column type 'char' could not be deserialized". pg already returns
 * them as strings, so we report them as text. Used only for the migration shadow database.
 */
class CharAsTextPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      return result.then((value: pg.QueryResult) => {
        for (const field of value?.fields ?? []) {
          if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
        }
        return value;
      }) as never;
    }
    return result as never;
  }
}
