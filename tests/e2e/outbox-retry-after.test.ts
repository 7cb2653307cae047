// A 429's Retry-After binds every instance on the database, not only the one that met it: it is kept with
// the rate windows, so a restarted process (or a second one) waits it out before calling that method again.
// The Slack double marks any call made inside a Retry-After it gave (`duringRetryAfter`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackDouble, startSlackDouble } from '../../devkit/slack-stand-in/web-api/index.ts';
import { fixedClock } from '../../src/clock.ts';
import { silentLogger } from '../../src/logger.ts';
import { enqueue } from '../../src/services/outbox.ts';
import { createOutboxClient } from '../../src/slack/outbox/client.ts';
import { createDeliverer, type Deliverer } from '../../src/slack/outbox/deliverer.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const CHANNEL = 'C0GENERAL';
let double: SlackDouble;
let database: TestDatabase;
let workspaceId: number;
const clock = fixedClock('2026-03-02T09:00:00Z');

function instance(): Deliverer {
  return createDeliverer(
    {
      db: database.db,
      client: createOutboxClient(double.botToken, double.url, silentLogger),
      clock,
      logger: silentLogger,
    },
    {
      // A Retry-After longer than this puts the notice back rather than waiting inside its claim.
      maxInlineWaitMs: 1000,
      renderers: { say: (payload) => ({ text: String((payload as { text: string }).text) }) },
    },
  );
}

async function record(key: string): Promise<void> {
  await database.db.$transaction((tx) =>
    enqueue(tx, workspaceId, [{ key, kind: 'say', to: { channel: CHANNEL }, payload: { text: key } }]),
  );
}

beforeAll(async () => {
  double = await startSlackDouble({ chatWritePublic: true });
  database = await createTestDatabase();
  workspaceId = (await database.db.workspace.create({ data: { slackTeamId: double.teamId } })).id;
});
afterAll(async () => {
  await double.close();
  await database.drop();
});

describe("a 429's Retry-After", () => {
  it('holds back a restarted instance until it has passed', async () => {
    double.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    await record('first');
    const first = instance();
    await first.deliverDue(clock.now());
    await first.stop(1000);
    const refused = double.callsTo('chat.postMessage');
    expect(refused.map((call) => call.status)).toEqual([429]);

    // Restarted at once, with new work due now: it waits out the 2 seconds Slack asked for.
    await record('second');
    const restarted = instance();
    await restarted.deliverDue(clock.now());
    const posts = double.callsTo('chat.postMessage');
    expect(posts.filter((call) => call.duringRetryAfter)).toEqual([]);
    const sent = posts.find((call) => call.ok);
    expect(sent?.args.text).toBe('second');
    expect(sent!.at - refused[0]!.at).toBeGreaterThanOrEqual(2000);

    // And the refused one goes out once, when its own time comes.
    clock.advance(2000);
    await restarted.deliverDue(clock.now());
    await restarted.stop(1000);
    expect(double.messagesIn(CHANNEL).map((message) => message.text)).toEqual(['second', 'first']);
  }, 30_000);
});
