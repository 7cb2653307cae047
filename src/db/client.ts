// The Prisma client for whichever engine DATABASE_URL selects. Both generated clients come from the same
// model, so the rest of the code is written against one type.
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.ts';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';
import { createAdapterFactory } from './adapter.ts';
import { type Provider, sqliteFilePath } from './provider.ts';
import { type FileIdentity, fileProblem, identityOf } from './sqlite-file.ts';

export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export type Health = { ok: true } | { ok: false; problem: string };

export interface Database {
  db: Db;
  provider: Provider;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  /** Like ping, with the reason when not: unreachable, or the SQLite file deleted under the app. */
  health(): Promise<Health>;
  close(): Promise<void>;
}

/**
 * How long a transaction may wait for a connection before it gives up (Prisma's default is 2 s). A burst of
 * edits (PostgreSQL's pool holds 10 connections, SQLite's one writer takes them in turn) should queue, not
 * fail: 40 edits at once on a loaded machine took longer than 2 s to all get a connection.
 */
const TRANSACTION_MAX_WAIT_MS = 10_000;

export function openDatabase(databaseUrl: string): Database {
  const { provider, factory } = createAdapterFactory(databaseUrl);
  const transactionOptions = { maxWait: TRANSACTION_MAX_WAIT_MS };
  const db =
    provider === 'postgresql'
      ? (new PostgresClient({ adapter: factory, transactionOptions }) as unknown as Db)
      : new SqliteClient({ adapter: factory, transactionOptions });
  const file = provider === 'sqlite' ? sqliteFilePath(databaseUrl) : undefined;
  let opened: FileIdentity | undefined = file && file !== ':memory:' ? identityOf(file) : undefined;
  const health = async (): Promise<Health> => {
    try {
      // Reads a real table, so a database that lost its schema is as unhealthy as one that is gone.
      await db.$queryRawUnsafe('SELECT 1 FROM "_prisma_migrations" LIMIT 1');
    } catch (error) {
      return {
        ok: false,
        problem: `the database does not answer: ${error instanceof Error ? error.message : error}`,
      };
    }
    if (file && file !== ':memory:') {
      opened ??= identityOf(file);
      const problem = opened ? fileProblem(file, opened) : `the database file ${file} is missing`;
      if (problem) return { ok: false, problem };
    }
    return { ok: true };
  };
  return {
    db,
    provider,
    health,
    async ping() {
      return (await health()).ok;
    },
    async close() {
      await db.$disconnect();
    },
  };
}
