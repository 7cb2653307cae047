// Exactly once: with 20% of chat.postMessage calls answered 429 and 5% answered 500, every due prompt is
// delivered once; two runs of the same minute at once (two instances) prompt each person once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { runPrompts } from '../../src/services/check-in-prompts.ts';
import { enqueue } from '../../src/services/outbox.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { H1_2026, seedCycle, seedOwnersInUtc } from '../support/seed.ts';
import { TEST_PROVIDER } from '../support/test-database.ts';

let h: Harness;
let workspaceId: number;
const OWNERS = 40;
const userId = (n: number) => `U0OWNER${String(n).padStart(3, '0')}`;
/** The Slack user ids of owners `from` to `to` (exclusive). */
const ownerIds = (from: number, to: number) => Array.from({ length: to - from }, (_, n) => userId(from + n));

beforeAll(async () => {
  h = await startHarness({
    now: '2026-03-02T08:59:00Z',
    outbox: {
      concurrency: 16,
      maxInlineWaitMs: 1500,
      budget: { windowMs: 1000, perWindow: { 'chat.postMessage': 60 }, otherwise: 100 },
    },
  });
  for (let n = 0; n < OWNERS; n++) h.double.addUser({ id: userId(n), name: `owner${n}`, tz: 'UTC' });
  await h.command(userId(0), 'help');
  workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
  const { objectiveId } = await seedCycle(h.db, workspaceId, H1_2026);
  await seedOwnersInUtc(h.db, workspaceId, objectiveId, ownerIds(0, OWNERS));
});
afterAll(() => h.close());

const promptsTo = (user: string) =>
  h.double
    .messagesIn(h.double.dmChannelOf(user))
    .filter((m) =>
      (m.metadata as { event_payload?: { key?: string } })?.event_payload?.key?.startsWith('prompt:'),
    );

describe('prompts exactly once', () => {
  it('with 20% 429 and 5% 500 on chat.postMessage, every owner gets their prompt once', async () => {
    h.double.failRandomly('chat.postMessage', { rate429: 0.2, rate500: 0.05, retryAfter: 1, seed: 7 });
    h.clock.set('2026-03-02T09:00:00Z');
    for (let round = 0; round < 60; round++) {
      await h.tick();
      const pending = await h.db.outbox.count({
        where: { workspaceId, state: { in: ['pending', 'claimed'] } },
      });
      if (pending === 0) break;
      h.clock.advance(2000);
    }
    const faults = h.double.callsTo('chat.postMessage').filter((call) => !call.ok);
    expect(faults.length).toBeGreaterThan(0);
    for (let n = 0; n < OWNERS; n++) expect(promptsTo(userId(n)), userId(n)).toHaveLength(1);
    expect(
      await h.db.outbox.count({ where: { workspaceId, key: { startsWith: 'prompt:' }, state: 'sent' } }),
    ).toBe(OWNERS);
  }, 120_000);

  it('two instances at the same minute: each of 500 owners gets one prompt', async () => {
    h.double.clearFaults();
    const objective = await h.db.objective.findFirstOrThrow({ where: { workspaceId } });
    await seedOwnersInUtc(h.db, workspaceId, objective.id, ownerIds(OWNERS, 500));
    const owned = await h.db.keyResult.count({ where: { workspaceId, ownerId: { not: null } } });
    // PostgreSQL: a second connection, as a second instance has. SQLite has one writer per file, so Okra on
    // SQLite runs as one instance; there the two runs overlap on one connection (a tick overrunning the next).
    const other = TEST_PROVIDER === 'postgresql' ? openDatabase(h.database.url) : h.database;
    try {
      // The next Monday, both instances at the same moment, each on its own connection.
      const at = new Date('2026-03-09T09:00:00Z');
      const settings = { defaultTimeZone: 'UTC' };
      const results = await Promise.all([
        runPrompts(h.db, workspaceId, at, settings, enqueue, null),
        runPrompts(other.db, workspaceId, at, settings, enqueue, null),
      ]);
      expect(results[0]!.prompted + results[1]!.prompted).toBe(owned);
    } finally {
      if (other !== h.database) await other.close();
    }
    expect(await h.db.checkInPrompt.count({ where: { period: '2026-W11' } })).toBe(owned);
    const notices = await h.db.outbox.findMany({
      where: { key: { contains: ':2026-W11:' } },
      select: { toId: true },
    });
    expect(notices).toHaveLength(owned);
    expect(new Set(notices.map((n) => n.toId)).size).toBe(owned);
  }, 120_000);
});
