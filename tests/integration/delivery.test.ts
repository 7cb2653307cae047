// deliverOnce: claim, send, record. At most one message per target, whatever crashes or races.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { ensureWorkspace } from '../../src/db/queries/workspaces.ts';
import { deliverOnce, MAX_DELIVERY_ATTEMPTS } from '../../src/services/delivery.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let db: Db;
let workspaceId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  workspaceId = (await ensureWorkspace(db, 'T0DELIVERY')).id;
});
afterAll(() => database.drop());

const target = (key: string) => ({ workspaceId, key, period: '2026-W07', recipient: 'U0BOB' });

function countingSender(ts = '1.000100') {
  const sender = {
    sent: 0,
    send: async () => {
      sender.sent++;
      // Yield, so concurrent callers really overlap.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { ts };
    },
  };
  return sender;
}

describe('deliverOnce', () => {
  it('sends once and records the message', async () => {
    const sender = countingSender();
    expect(await deliverOnce(db, target('a'), sender.send)).toEqual({ state: 'sent', ts: '1.000100' });
    expect(await deliverOnce(db, target('a'), sender.send)).toEqual({
      state: 'skipped',
      reason: 'already_sent',
    });
    expect(sender.sent).toBe(1);
    const claim = await db.deliveryClaim.findFirstOrThrow({ where: { key: 'a' } });
    expect(claim).toMatchObject({ state: 'sent', messageTs: '1.000100', attempts: 1 });
    expect(claim.sentAt).not.toBeNull();
  });

  it('sends at most once when two calls run at the same moment', async () => {
    const sender = countingSender();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => deliverOnce(db, target('race'), sender.send)),
    );
    expect(sender.sent).toBe(1);
    expect(results.filter((r) => r.state === 'sent')).toHaveLength(1);
    expect(await db.deliveryClaim.count({ where: { key: 'race' } })).toBe(1);
  });

  it('never sends again after a crash between claim and send', async () => {
    // What a process that died right after claiming leaves behind.
    await db.deliveryClaim.create({ data: { ...target('crash'), state: 'claimed', attempts: 1 } });
    const sender = countingSender();
    expect(await deliverOnce(db, target('crash'), sender.send)).toEqual({
      state: 'skipped',
      reason: 'claimed',
    });
    expect(sender.sent).toBe(0);
  });

  it('records a failed send with its error and lets a later call retry it, once', async () => {
    const failing = async (): Promise<{ ts?: string }> => {
      throw Object.assign(new Error('An API error occurred: channel_not_found'), {
        data: { error: 'channel_not_found' },
      });
    };
    expect(await deliverOnce(db, target('retry'), failing)).toEqual({
      state: 'failed',
      error: 'channel_not_found',
    });
    expect(await db.deliveryClaim.findFirstOrThrow({ where: { key: 'retry' } })).toMatchObject({
      state: 'failed',
      lastError: 'channel_not_found',
    });
    const sender = countingSender('2.000200');
    const retried = await Promise.all([
      deliverOnce(db, target('retry'), sender.send),
      deliverOnce(db, target('retry'), sender.send),
    ]);
    expect(sender.sent).toBe(1);
    expect(retried.map((r) => r.state).sort()).toEqual(['sent', 'skipped']);
    expect(await db.deliveryClaim.findFirstOrThrow({ where: { key: 'retry' } })).toMatchObject({
      state: 'sent',
      attempts: 2,
      lastError: null,
      messageTs: '2.000200',
    });
  });

  it('gives up after the last attempt', async () => {
    await db.deliveryClaim.create({
      data: {
        ...target('hopeless'),
        state: 'failed',
        attempts: MAX_DELIVERY_ATTEMPTS,
        lastError: 'is_archived',
      },
    });
    const sender = countingSender();
    expect(await deliverOnce(db, target('hopeless'), sender.send)).toEqual({
      state: 'skipped',
      reason: 'gave_up',
    });
    expect(sender.sent).toBe(0);
  });

  it('keeps recipients, periods and keys apart', async () => {
    const sender = countingSender();
    await deliverOnce(db, target('apart'), sender.send);
    await deliverOnce(db, { ...target('apart'), recipient: 'C0OKRS' }, sender.send);
    await deliverOnce(db, { ...target('apart'), period: '2026-W08' }, sender.send);
    expect(sender.sent).toBe(3);
  });
});
