import { ErrorCode, WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNELS, type SlackDouble } from '../../devkit/slack-stand-in/web-api/index.ts';
import { doubleWithClient, eachTestWithDouble, silentLogger, slackErrorOf } from './helpers.ts';

const channel = DEFAULT_CHANNELS.general.id;

describe('slack double: fault injection', () => {
  let double: SlackDouble;
  let client: WebClient;

  eachTestWithDouble((fresh) => ({ double, client } = fresh));

  it('answers 429 with Retry-After, which WebClient honours before retrying', async () => {
    const retrying = new WebClient(double.botToken, {
      slackApiUrl: double.url,
      retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
      logger: silentLogger,
    });
    double.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const res = await retrying.chat.postMessage({ channel, text: 'eventually' });
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const attempts = double.callsTo('chat.postMessage');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[0]?.response).toEqual({ ok: false, error: 'ratelimited' });
    expect(double.messagesIn(channel)).toHaveLength(1);
  });

  it('surfaces a 429 as a rate-limit error with rejectRateLimitedCalls', async () => {
    const strict = new WebClient(double.botToken, {
      slackApiUrl: double.url,
      rejectRateLimitedCalls: true,
      logger: silentLogger,
    });
    double.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const error = await strict.chat.postMessage({ channel, text: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
  });

  it('answers 5xx, Slack errors, slow answers and repeats with `times`', async () => {
    double.failNext('users.info', { status: 503 });
    expect(await slackErrorOf(client.users.info({ user: 'U0ALICE' }))).toBe(ErrorCode.HTTPError);

    double.failNext('chat.postMessage', { error: 'channel_not_found', times: 2 });
    expect(await slackErrorOf(client.chat.postMessage({ channel, text: '1' }))).toBe('channel_not_found');
    expect(await slackErrorOf(client.chat.postMessage({ channel, text: '2' }))).toBe('channel_not_found');
    expect(await slackErrorOf(client.chat.postMessage({ channel, text: '3' }))).toBe('ok');

    double.failNext('auth.test', { delayMs: 300 });
    const started = Date.now();
    expect((await client.auth.test()).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('applies a per-method rate limit with a sliding window', async () => {
    let now = 1_700_000_000_000;
    const timed = await doubleWithClient({ clock: () => now }, { rejectRateLimitedCalls: true });
    try {
      timed.double.rateLimit('users.info', { perMinute: 2 });
      await timed.client.users.info({ user: 'U0ALICE' });
      await timed.client.users.info({ user: 'U0BOB' });
      now += 20_000;
      const error = await timed.client.users.info({ user: 'U0PRIYA' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 40 });
      now += 40_000;
      expect((await timed.client.users.info({ user: 'U0PRIYA' })).ok).toBe(true);
    } finally {
      await timed.double.close();
    }
  });

  it('marks calls that came while a 429 still asked to wait', async () => {
    let now = 1_700_000_000_000;
    const timed = await doubleWithClient({ clock: () => now }, { rejectRateLimitedCalls: true });
    try {
      timed.double.rateLimit('chat.postMessage', { perSecond: 1 });
      await timed.client.chat.postMessage({ channel, text: '1' });
      await timed.client.chat.postMessage({ channel, text: '2' }).catch(() => undefined); // 429, wait 1 s
      now += 500;
      await timed.client.chat.postMessage({ channel, text: '3' }).catch(() => undefined); // too early
      await timed.client.users.info({ user: 'U0ALICE' }); // another method is not held back
      now += 1000; // that 429 asked for another second
      await timed.client.chat.postMessage({ channel, text: '4' });
      expect(timed.double.calls.map((call) => [call.status, call.duringRetryAfter])).toEqual([
        [200, false],
        [429, false],
        [429, true],
        [200, false],
        [200, false],
      ]);
    } finally {
      await timed.double.close();
    }
  });

  it('reset() forgets calls, messages and faults', async () => {
    await client.chat.postMessage({ channel, text: 'x' });
    double.failNext('chat.postMessage', { error: 'fatal_error' });
    double.reset();
    expect(double.calls).toHaveLength(0);
    expect(double.messagesIn(channel)).toHaveLength(0);
    expect(await slackErrorOf(client.chat.postMessage({ channel, text: 'y' }))).toBe('ok');
  });
});
