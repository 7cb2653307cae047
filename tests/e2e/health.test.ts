import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';
import { PG_BASE_URL, TEST_PROVIDER } from '../support/test-database.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Makes the app's database really stop answering, the way an outage would. */
async function breakDatabase(): Promise<void> {
  await h.db.$disconnect();
  if (TEST_PROVIDER === 'sqlite') {
    writeFileSync(h.database.url.replace(/^file:/, ''), 'this is not a database any more'.repeat(200));
    return;
  }
  const name = new URL(h.database.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: PG_BASE_URL });
  await admin.connect();
  await admin.query('UPDATE pg_database SET datallowconn = false WHERE datname = $1', [name]);
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  await admin.end();
}

describe('/healthz', () => {
  it('answers 200 while the database answers, and 503 once it does not', async () => {
    const up = await fetch(`${h.appUrl}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ ok: true, database: 'up' });

    await breakDatabase();
    const down = await fetch(`${h.appUrl}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false, database: 'down', problem: expect.any(String) });
  });
});
