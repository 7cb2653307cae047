// A test database with one workspace for a describe (or a file), made before its tests and dropped after.
// Kept apart from test-database.ts, which the benchmarks and scripts import outside vitest.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { ensureWorkspace } from '../../src/db/queries/workspaces.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestWorkspace {
  database: TestDatabase;
  db: Db;
  workspaceId: number;
}

/**
 * Before the enclosing describe's (or file's) tests: a fresh migrated database with one workspace for the
 * Slack team `slackTeamId`, handed to `use`; the database is dropped after them.
 */
export function withTestWorkspace(slackTeamId: string, use: (fresh: TestWorkspace) => void): void {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    const workspaceId = (await ensureWorkspace(database.db, slackTeamId)).id;
    use({ database, db: database.db, workspaceId });
  });
  afterAll(() => database?.drop());
}
