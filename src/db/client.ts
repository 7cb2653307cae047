// The Prisma client for whichever engine DATABASE_URL selects. Both generated clients come from the same
// model, so the rest of the code is written against one type.
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.ts';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';
import { createAdapterFactory } from './adapter.ts';
import type { Provider } from './provider.ts';

export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface Database {
  db: Db;
  provider: Provider;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function openDatabase(databaseUrl: string): Database {
  const { provider, factory } = createAdapterFactory(databaseUrl);
  const db =
    provider === 'postgresql'
      ? (new PostgresClient({ adapter: factory }) as unknown as Db)
      : new SqliteClient({ adapter: factory });
  return {
    db,
    provider,
    async ping() {
      try {
        // Reads a real table, so a database that lost its schema is as unhealthy as one that is gone.
        await db.$queryRawUnsafe('SELECT 1 FROM "_prisma_migrations" LIMIT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await db.$disconnect();
    },
  };
}
