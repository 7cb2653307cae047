// What the outbox needs of the double: conversations.history with metadata, faults that carry the call out
// before failing or answering late, seeded random faults, and which fault answered each call.

import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHANNELS,
  DEFAULT_USERS,
  type SlackDouble,
} from '../../devkit/slack-stand-in/web-api/index.ts';
import { eachTestWithDouble, silentLogger, slackErrorOf } from './helpers.ts';

const channel = DEFAULT_CHANNELS.general.id;
const metadata = { event_type: 'okra_notice', event_payload: { key: 'k1' } };

describe('slack double: conversations.history', () => {
  let double: SlackDouble;
  let client: WebClient;
  eachTestWithDouble((fresh) => ({ double, client } = fresh));

  it('lists a channel newest first, paged with a cursor, and shows metadata only when asked', async () => {
    for (const text of ['one', 'two', 'three']) await client.chat.postMessage({ channel, text, metadata });
    const first = await client.conversations.history({ channel, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    expect(first.has_more).toBe(true);
    expect(first.messages?.[0]?.metadata).toBeUndefined();
    const next = await client.conversations.history({
      channel,
      limit: 2,
      cursor: first.response_metadata!.next_cursor!,
      include_all_metadata: true,
    });
    expect(next.messages?.map((m) => m.text)).toEqual(['one']);
    expect(next.messages?.[0]?.metadata).toEqual(metadata);
    expect(next.has_more).toBe(false);
  });

  it("reads the bot's DM by its D… id, and refuses channels it cannot see", async () => {
    const posted = await client.chat.postMessage({ channel: DEFAULT_USERS.bob.id, text: 'hi' });
    expect(posted.channel).toBe(double.dmChannelOf(DEFAULT_USERS.bob.id));
    const dm = await client.conversations.history({ channel: posted.channel! });
    expect(dm.messages?.map((m) => m.text)).toEqual(['hi']);
    expect(await slackErrorOf(client.conversations.history({ channel: 'C0NOPE' }))).toBe('channel_not_found');
  });
});

describe('slack double: faults after the work is done', () => {
  let double: SlackDouble;
  let client: WebClient;
  eachTestWithDouble((fresh) => ({ double, client } = fresh));

  it('stores the message, then answers 500', async () => {
    double.failNext('chat.postMessage', { status: 500, afterStore: true });
    await expect(client.chat.postMessage({ channel, text: 'stored anyway' })).rejects.toThrow();
    expect(double.messagesIn(channel).map((m) => m.text)).toEqual(['stored anyway']);
    expect(double.lastCallTo('chat.postMessage')).toMatchObject({ status: 500, fault: 'scripted' });
  });

  it('stores the message, then answers too late for a client with a timeout', async () => {
    double.failNext('chat.postMessage', { delayMs: 600, afterStore: true });
    const { WebClient } = await import('@slack/web-api');
    const impatient = new WebClient(double.botToken, {
      slackApiUrl: double.url,
      timeout: 200,
      logger: silentLogger,
      retryConfig: { retries: 0 },
    });
    await expect(impatient.chat.postMessage({ channel, text: 'late' })).rejects.toThrow(/timeout|abort/i);
    expect(double.messagesIn(channel).map((m) => m.text)).toEqual(['late']);
  });

  it('fails a seeded share of calls at random, the same way on every run', async () => {
    const { WebClient } = await import('@slack/web-api');
    const strict = new WebClient(double.botToken, {
      slackApiUrl: double.url,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });
    const run = async () => {
      double.reset();
      double.failRandomly('chat.postMessage', { rate429: 0.3, rate500: 0.2, storedShare: 1, seed: 42 });
      for (let i = 0; i < 40; i++)
        await strict.chat.postMessage({ channel, text: `m${i}` }).catch(() => undefined);
      return double.callsTo('chat.postMessage').map((c) => c.status);
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((s) => s === 429).length).toBeGreaterThan(4);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(2);
    // storedShare 1: every 500 stored its message; 429s never do.
    expect(double.messagesIn(channel)).toHaveLength(first.filter((s) => s !== 429).length);
  });
});
