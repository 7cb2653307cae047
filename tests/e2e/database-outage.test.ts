// The database failing under a running app: refusing connections, not answering at all, locked by a long
// write from another process (SQLite), or its file deleted (SQLite). Slack still gets its acknowledgement
// within 3 s, the person is told plainly that nothing was changed, and /healthz says what is wrong.
import { rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_BUSY, DATABASE_UNREACHABLE } from '../../src/db/errors.ts';
import { sqliteFilePath } from '../../src/db/provider.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';
import { PG_BASE_URL, TEST_PROVIDER } from '../support/test-database.ts';

const SLACK_DEADLINE_MS = 3_000;
let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  await h.command(ADMIN, 'help');
  await h.command(MEMBER, 'help');
});
afterEach(async () => {
  await restore?.();
  restore = undefined;
  await h.close();
});
let restore: (() => Promise<void>) | undefined;

async function health(): Promise<{ status: number; body: { ok: boolean; problem?: string } }> {
  const response = await fetch(`${h.appUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as { ok: boolean; problem?: string } };
}

async function pgAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_BASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The database stops taking connections and drops the ones it has. */
async function refuseConnections(): Promise<void> {
  if (TEST_PROVIDER === 'sqlite') {
    await h.db.$disconnect();
    writeFileSync(sqliteFilePath(h.database.url), 'this is not a database any more'.repeat(200));
    return;
  }
  const name = new URL(h.database.url).pathname.slice(1);
  await pgAdmin(async (admin) => {
    await admin.query('UPDATE pg_database SET datallowconn = false WHERE datname = $1', [name]);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  });
  restore = () =>
    pgAdmin(async (admin) => {
      await admin.query('UPDATE pg_database SET datallowconn = true WHERE datname = $1', [name]);
    });
}

describe(`the database refusing connections (${TEST_PROVIDER})`, () => {
  it('acknowledges a command at once and tells the person nothing was changed', async () => {
    const modal = (await h.command(ADMIN, 'cycle add')).modal;
    expect(modal).toBeDefined();
    await refuseConnections();
    // A modal submitted meanwhile stays open, with the sentence on its first field.
    const submitted = await h.submit(ADMIN, modal!, {});
    expect(submitted.status).toBe(200);
    expect(JSON.stringify(submitted.body)).toContain(JSON.stringify(DATABASE_UNREACHABLE).slice(1, -1));
    expect((submitted.body as { response_action?: string }).response_action).toBe('errors');
    const result = await h.command(MEMBER, 'kr add O-1 "Sign ten partners"');
    expect(result.http.status).toBe(200);
    expect(result.http.durationMs).toBeLessThan(SLACK_DEADLINE_MS);
    expect(result.text).toBe(DATABASE_UNREACHABLE);
    expect((await health()).status).toBe(503);
  });
});

describe.runIf(TEST_PROVIDER === 'postgresql')('PostgreSQL not answering at all', () => {
  it('answers /healthz with 503 and commands within 3 s, and recovers when the database does', async () => {
    // An open transaction holding every table the request path reads: queries wait, nothing errors.
    const freezer = new pg.Client({ connectionString: h.database.url });
    await freezer.connect();
    await freezer.query('BEGIN');
    await freezer.query(
      'LOCK TABLE "Workspace", "Member", "SeenRequest", "_prisma_migrations" IN ACCESS EXCLUSIVE MODE',
    );
    restore = async () => {
      await freezer.query('ROLLBACK').catch(() => {});
      await freezer.end();
    };

    const started = performance.now();
    const frozen = await health();
    expect(performance.now() - started).toBeLessThan(SLACK_DEADLINE_MS);
    expect(frozen).toMatchObject({ status: 503, body: { ok: false } });
    expect(frozen.body.problem).toContain('did not answer within');

    const result = await h.command(MEMBER, 'help');
    expect(result.http.status).toBe(200);
    expect(result.http.durationMs).toBeLessThan(SLACK_DEADLINE_MS);
    expect(result.text).toBe(DATABASE_UNREACHABLE);

    await restore();
    restore = undefined;
    expect((await health()).status).toBe(200);
    expect((await h.command(MEMBER, 'help')).text).not.toBe(DATABASE_UNREACHABLE);
  });
});

describe.runIf(TEST_PROVIDER === 'sqlite')('SQLite while another process holds its write lock', () => {
  it('keeps answering reads and /healthz, and tells a writer the database is busy', async () => {
    // What `okra import` does to the file while it writes a large plan.
    const importer = new Database(sqliteFilePath(h.database.url));
    importer.exec('BEGIN IMMEDIATE');
    importer.prepare('INSERT INTO "SeenRequest" ("hash", "seenAt") VALUES (?, ?)').run('import', Date.now());
    restore = async () => {
      if (importer.inTransaction) importer.exec('ROLLBACK');
      importer.close();
    };

    const started = performance.now();
    expect((await health()).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_000);

    const read = await h.command(MEMBER, 'help');
    expect(read.http.durationMs).toBeLessThan(SLACK_DEADLINE_MS);
    expect(read.replies).toHaveLength(1);
    expect(read.text).not.toBe(DATABASE_BUSY);

    const write = await h.command(ADMIN, 'cycle add "2026 Q3" 2026-07-01 2026-09-30');
    expect(write.http.durationMs).toBeLessThan(SLACK_DEADLINE_MS);
    expect(write.text).toBe(DATABASE_BUSY);

    importer.exec('COMMIT');
    const after = await h.command(ADMIN, 'cycle add "2026 Q3" 2026-07-01 2026-09-30');
    expect(after.text).toContain('2026 Q3');
    expect(await h.db.cycle.count()).toBe(1);
  });
});

describe.runIf(TEST_PROVIDER === 'sqlite')('the SQLite file deleted under the running app', () => {
  it('says so in /healthz (and the log) instead of answering 200 while writes fail', async () => {
    expect((await health()).status).toBe(200);
    rmSync(sqliteFilePath(h.database.url));
    const after = await health();
    expect(after.status).toBe(503);
    expect(after.body.problem).toContain('was deleted or moved while Okra was running');
  });
});
