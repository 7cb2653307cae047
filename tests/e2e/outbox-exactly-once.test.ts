// Exactly once when Slack misbehaves: a send Slack stored before answering 500 or too late is found by its
// key in the conversation's history and not sent again; a claim left by a dead instance is reconciled the
// same way; 429s are honoured; the shared budget paces sends; interactive answers never wait behind it.
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendCommand } from '../../devkit/slack-stand-in/driver.ts';
import { enqueue, type Notice } from '../../src/services/outbox.ts';
import { IN_FLIGHT_SETTLE_MS, SEND_TIMEOUT_MS } from '../../src/slack/outbox/deliverer.ts';
import { noticeMetadata } from '../../src/slack/outbox/reconcile.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

const PMO = 'C0OKRS';
const LEASE_MS = 60_000;
const say = (payload: unknown) => {
  const text = (payload as { text: string }).text;
  return { text, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }] };
};

let h: Harness;
let workspaceId: number;
let counter = 0;

beforeAll(async () => {
  h = await startHarness({
    outbox: {
      renderers: { say },
      leaseMs: LEASE_MS,
      maxInlineWaitMs: 1000,
      budget: { windowMs: 1000, perWindow: { 'chat.postMessage': 5 }, otherwise: 50 },
    },
  });
  await h.command(MEMBER, 'help');
  workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
});
afterAll(() => h.close());
beforeEach(() => h.double.clearFaults());

function notice(to: Notice['to'] = { channel: PMO }): Notice {
  counter++;
  return { key: `n${counter}`, kind: 'say', to, payload: { text: `notice ${counter}` } };
}

async function record(notices: Notice[]) {
  await h.db.$transaction((tx) => enqueue(tx, workspaceId, notices));
}

/** The messages in a conversation that carry this key, wherever they came from. */
function carrying(channel: string, key: string) {
  return h.double
    .messagesIn(channel)
    .filter((m) => (m.metadata as { event_payload?: { key?: string } })?.event_payload?.key === key);
}

const rowOf = (key: string) =>
  h.db.outbox.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId, key } } });

describe('a send that may have happened is looked for before it is tried again', () => {
  it('a post Slack stored before answering 500 is found in the channel history, not sent twice', async () => {
    const n = notice();
    h.double.failNext('chat.postMessage', { status: 500, afterStore: true });
    await record([n]);
    await h.tick();
    expect(carrying(PMO, n.key)).toHaveLength(1);
    const history = h.double.callsTo('conversations.history').at(-1);
    expect(history?.args).toMatchObject({ channel: PMO, include_all_metadata: 'true' });
    expect(await rowOf(n.key)).toMatchObject({
      state: 'sent',
      channel: PMO,
      ts: carrying(PMO, n.key)[0]!.ts,
    });
  });

  it('a DM stored before a 500 is found in the D… conversation opened for it', async () => {
    const n = notice({ user: MEMBER });
    h.double.failNext('chat.postMessage', { status: 500, afterStore: true });
    await record([n]);
    await h.tick();
    const dm = h.double.dmChannelOf(MEMBER);
    expect(carrying(dm, n.key)).toHaveLength(1);
    expect(await rowOf(n.key)).toMatchObject({ state: 'sent', channel: dm });
  });

  it('a post answered only after the client gave up is looked for once in-flight requests have landed', async () => {
    const n = notice();
    h.double.failNext('chat.postMessage', { delayMs: SEND_TIMEOUT_MS + 500, afterStore: true });
    await record([n]);
    await h.tick();
    // No answer: the request might still be on its way, so the history is not read yet.
    expect(await rowOf(n.key)).toMatchObject({ state: 'pending', uncertain: true });
    h.clock.advance(IN_FLIGHT_SETTLE_MS);
    await h.tick();
    expect(carrying(PMO, n.key)).toHaveLength(1);
    expect((await rowOf(n.key)).state).toBe('sent');
  }, 15_000);

  it('a 500 that stored nothing is sent again after looking, once', async () => {
    const n = notice();
    h.double.failNext('chat.postMessage', { status: 500 });
    await record([n]);
    await h.tick();
    expect(carrying(PMO, n.key)).toHaveLength(1);
    expect(
      h.double
        .callsTo('chat.postMessage')
        .filter((c) => c.args.metadata && JSON.stringify(c.args.metadata).includes(`"${n.key}"`)),
    ).toHaveLength(2);
  });
});

describe('claims left by an instance that died', () => {
  it('a stale claim whose message reached Slack is settled from the history after the lease', async () => {
    const n = notice();
    await record([n]);
    // What a process killed right after Slack stored its post leaves behind.
    const posted = await new WebClient(h.double.botToken, { slackApiUrl: h.double.url }).chat.postMessage({
      channel: PMO,
      text: 'notice sent before the crash',
      metadata: noticeMetadata(workspaceId, n.key),
    });
    await h.db.outbox.update({
      where: { workspaceId_key: { workspaceId, key: n.key } },
      data: {
        state: 'claimed',
        claimToken: 'dead-instance',
        claimedAt: h.clock.now(),
        attempts: 1,
        channel: PMO,
      },
    });
    await h.tick();
    expect((await rowOf(n.key)).state).toBe('claimed');
    h.clock.advance(LEASE_MS + 1000);
    await h.tick();
    expect(carrying(PMO, n.key)).toHaveLength(1);
    expect(await rowOf(n.key)).toMatchObject({ state: 'sent', ts: posted.ts });
  });

  it('a stale claim that never reached Slack is sent once', async () => {
    const n = notice({ user: MEMBER });
    await record([n]);
    await h.db.outbox.update({
      where: { workspaceId_key: { workspaceId, key: n.key } },
      data: { state: 'claimed', claimToken: 'dead-instance', claimedAt: h.clock.now(), attempts: 1 },
    });
    h.clock.advance(LEASE_MS + 1000);
    await h.tick();
    expect(carrying(h.double.dmChannelOf(MEMBER), n.key)).toHaveLength(1);
    expect((await rowOf(n.key)).state).toBe('sent');
  });
});

describe('rate limits', () => {
  it('honours a long Retry-After: the notice waits until then, and goes out once after', async () => {
    const n = notice();
    h.double.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    await record([n]);
    await h.tick();
    const waiting = await rowOf(n.key);
    expect(waiting).toMatchObject({ state: 'pending', lastError: 'ratelimited' });
    expect(waiting.dueAt.getTime()).toBe(h.clock.now().getTime() + 2000);
    expect(carrying(PMO, n.key)).toHaveLength(0);
    h.clock.advance(2000);
    await h.tick();
    expect(carrying(PMO, n.key)).toHaveLength(1);
  }, 15_000);

  it('keeps to the budget: 12 posts at 5 per second take three windows', async () => {
    const batch = Array.from({ length: 12 }, () => notice());
    const before = h.double.callsTo('chat.postMessage').length;
    await record(batch);
    await h.tick();
    const calls = h.double.callsTo('chat.postMessage').slice(before);
    expect(calls).toHaveLength(12);
    for (const n of batch) expect(carrying(PMO, n.key)).toHaveLength(1);
    expect(calls.at(-1)!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
  }, 15_000);

  it('a modal opens inside the trigger window while the outbox is rate-limited', async () => {
    // Slack refuses every post for a while and the budget is spent: the outbox is stuck waiting.
    h.double.failNext('chat.postMessage', { status: 429, retryAfter: 1, times: 100 });
    await record(Array.from({ length: 30 }, () => notice()));
    h.okra.outbox.wake();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const triggerId = h.double.newTriggerId();
    const started = Date.now();
    const response = await sendCommand(h.appUrl, 'test-signing-secret', {
      userId: ADMIN,
      text: 'cycle add',
      triggerId,
      responseUrl: h.double.newResponseUrl(),
    });
    expect(response.status).toBe(200);
    const deadline = started + 3000;
    while (
      !h.double.callsTo('views.open').some((c) => c.args.trigger_id === triggerId) &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 10));
    const opened = h.double.callsTo('views.open').find((c) => c.args.trigger_id === triggerId);
    // The outbox really was being refused while the modal opened.
    expect(h.double.callsTo('chat.postMessage').some((c) => c.status === 429 && c.at <= opened!.at)).toBe(
      true,
    );
    expect(opened?.ok).toBe(true);
    expect(opened!.at - started).toBeLessThan(3000);
    h.double.clearFaults();
    h.clock.advance(60_000);
    await h.tick();
  }, 30_000);
});
