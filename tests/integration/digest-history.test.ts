// A subscription's first digest works out the portfolio's progress in the cycle's earlier weeks from the
// check-ins themselves, reading them a slice of key results at a time: every key result counts, in every
// slice, and each week sees the values it had then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWorkspace } from '../../src/db/queries/workspaces.ts';
import type { DigestTarget } from '../../src/services/digest-subscriptions.ts';
import { composeDigestFor } from '../../src/services/digests.ts';
import { Q1_2026, seedCycle, seedKeyResults } from '../support/seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** More than one slice (1,000 key results) of check-ins. */
const KEY_RESULTS = 1_005;

const everything: DigestTarget = {
  key: 'test:everything',
  ref: null,
  channelId: 'C0LEAD',
  scope: { kind: 'everything' },
  scopeLabel: 'everything',
  schedule: { cadence: 'weekly', dayOfWeek: 5, localTime: '16:00', timeZone: 'UTC' },
  followsWorkspaceZone: true,
};

let database: TestDatabase;
let workspaceId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  workspaceId = (await ensureWorkspace(db, 'THISTORY')).id;
  const { objectiveId } = await seedCycle(db, workspaceId, Q1_2026);
  const ids = await seedKeyResults(
    db,
    workspaceId,
    objectiveId,
    Array.from({ length: KEY_RESULTS }, (_, i) => ({ title: `KR ${i}`, targetValue: 100 })),
  );
  // Even-numbered key results at 30 in week 1 and 80 in week 5, odd ones at 10 and 40.
  await db.checkIn.createMany({
    data: ids.flatMap((keyResultId, i) => [
      { keyResultId, period: '2026-W01', date: new Date('2026-01-02'), value: i % 2 === 0 ? 30 : 10 },
      { keyResultId, period: '2026-W05', date: new Date('2026-01-30'), value: i % 2 === 0 ? 80 : 40 },
    ]),
  });
}, 60_000);
afterAll(() => database.drop());

describe("a first digest's earlier weeks", () => {
  it('count every key result, with the value each had at the end of each week', async () => {
    // Friday of week 7 (the cycle's weeks run from Thursday 1 January).
    const composed = await composeDigestFor(
      database.db,
      workspaceId,
      everything,
      new Date('2026-02-13T16:00:00Z'),
    );
    if (!composed.ok) throw new Error(composed.reason);
    const actual = composed.digest.model.chart.weeks.map((week) => week.actual);
    const even = Math.ceil(KEY_RESULTS / 2);
    const odd = Math.floor(KEY_RESULTS / 2);
    const mean = (high: number, low: number) => (even * high + odd * low) / KEY_RESULTS / 100;
    // Weeks 1 to 4: the first check-ins; weeks 5 and 6: the second ones.
    for (const week of [0, 1, 2, 3]) expect(actual[week]).toBeCloseTo(mean(30, 10), 9);
    for (const week of [4, 5]) expect(actual[week]).toBeCloseTo(mean(80, 40), 9);
  }, 60_000);
});
