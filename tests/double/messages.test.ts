import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHANNELS,
  DEFAULT_USERS,
  type SlackDouble,
} from '../../devkit/slack-stand-in/web-api/index.ts';
import { doubleWithClient, eachTestWithDouble, sections, slackErrorOf, slackFailureOf } from './helpers.ts';

const { general, archived, notJoined, hiddenPrivate } = DEFAULT_CHANNELS;

describe('slack double: messages through the real WebClient', () => {
  let double: SlackDouble;
  let client: WebClient;

  eachTestWithDouble((fresh) => ({ double, client } = fresh));

  it('accepts 50 blocks and refuses 51 as invalid_blocks with a json-pointer', async () => {
    const ok = await client.chat.postMessage({ channel: general.id, text: 'fifty', blocks: sections(50) });
    expect(ok.ok).toBe(true);
    expect(double.messagesIn(general.id)).toHaveLength(1);

    const error = await slackFailureOf(
      client.chat.postMessage({ channel: general.id, text: 'no', blocks: sections(51) }),
    );
    expect(error.error).toBe('invalid_blocks');
    expect(error.messages).toContain('[ERROR] no more than 50 items allowed [json-pointer:/blocks]');
  });

  it('refuses section text over 3000 characters, accepts exactly 3000', async () => {
    const at3000 = sections(1, 'x'.repeat(3000));
    expect(
      await slackErrorOf(client.chat.postMessage({ channel: general.id, text: 't', blocks: at3000 })),
    ).toBe('ok');
    const at3001 = sections(1, 'x'.repeat(3001));
    const error = await slackFailureOf(
      client.chat.postMessage({ channel: general.id, text: 't', blocks: at3001 }),
    );
    expect(error.error).toBe('invalid_blocks');
    expect(error.messages).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });

  it('checks the other Block Kit limits Okra can hit', async () => {
    const post = (blocks: unknown[]) =>
      slackErrorOf(client.chat.postMessage({ channel: general.id, text: 't', blocks: blocks as never }));
    const button = (i: number, text = 'Go') => ({
      type: 'button',
      action_id: `b${i}`,
      text: { type: 'plain_text', text },
    });
    expect(await post([{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(i)) }])).toBe(
      'invalid_blocks',
    );
    expect(await post([{ type: 'actions', elements: [button(1, 'x'.repeat(76))] }])).toBe('invalid_blocks');
    expect(await post([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }])).toBe(
      'invalid_blocks',
    );
    expect(await post([...sections(1), ...sections(1)])).toBe('invalid_blocks'); // duplicate block_id
    expect(await post([{ type: 'carousel' }])).toBe('invalid_blocks');
    const options = Array.from({ length: 6 }, (_, i) => ({
      text: { type: 'plain_text', text: `o${i}` },
      value: `${i}`,
    }));
    expect(
      await post([
        { type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: { type: 'overflow', options } },
      ]),
    ).toBe('invalid_blocks');
    // Four valid 3000-char sections add up to more text than one message may carry.
    const long = Array.from({ length: 5 }, (_, i) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: 'y'.repeat(2500) },
      block_id: `l${i}`,
    }));
    expect(await post(long)).toBe('msg_blocks_too_long');
  });

  it('catches a missing text fallback (strict by default) and a message with no content', async () => {
    expect(await slackErrorOf(client.chat.postMessage({ channel: general.id, blocks: sections(1) }))).toBe(
      'no_text',
    );
    expect(double.lastCallTo('chat.postMessage')?.missingTextFallback).toBe(true);
    expect(await slackErrorOf(client.chat.postMessage({ channel: general.id, text: '' }))).toBe('no_text');
    expect(double.messagesIn(general.id)).toHaveLength(0);
  });

  it('in lenient mode accepts blocks without text but flags them', async () => {
    const lenient = await doubleWithClient({ strictTextFallback: false });
    try {
      const res = await lenient.client.chat.postMessage({ channel: general.id, blocks: sections(1) });
      expect(res.ok).toBe(true);
      expect(res['warning']).toBe('missing_text_in_blocks');
      expect(lenient.double.messagesIn(general.id)[0]?.missingTextFallback).toBe(true);
    } finally {
      await lenient.double.close();
    }
  });

  it('answers channel errors the way Slack does', async () => {
    const post = (channel: string) => slackErrorOf(client.chat.postMessage({ channel, text: 'hi' }));
    expect(await post('C0NOPE')).toBe('channel_not_found');
    expect(await post(archived.id)).toBe('is_archived');
    expect(await post(notJoined.id)).toBe('not_in_channel');
    expect(await post(hiddenPrivate.id)).toBe('channel_not_found');
    expect(await post(DEFAULT_USERS.dave.id)).toBe('is_archived'); // deactivated person
    expect(await post('#general')).toBe('ok');
  });

  it('posts to a user id in their DM, the same DM conversations.open returns', async () => {
    const posted = await client.chat.postMessage({ channel: DEFAULT_USERS.alice.id, text: 'check-in time' });
    const opened = await client.conversations.open({ users: DEFAULT_USERS.alice.id });
    expect(opened.channel?.id).toBe(posted.channel);
    expect(posted.channel).toMatch(/^D/);
    expect(double.messagesIn(DEFAULT_USERS.alice.id).map((m) => m.text)).toEqual(['check-in time']);
    const again = await client.conversations.open({ users: DEFAULT_USERS.alice.id });
    expect(again.channel?.id).toBe(opened.channel?.id);
  });

  it('updates and deletes stored messages', async () => {
    const posted = await client.chat.postMessage({
      channel: general.id,
      text: 'v1',
      blocks: sections(1, 'first'),
    });
    const ts = posted.ts ?? '';
    const updated = await client.chat.update({ channel: general.id, ts, text: 'v2' });
    expect(updated.text).toBe('v2');
    const [message] = double.messagesIn(general.id);
    expect(message?.text).toBe('v2');
    expect(message?.blocks).toHaveLength(1); // blocks kept when left out, as Slack does
    expect(message?.history.map((h) => h.text)).toEqual(['v1', 'v2']);
    expect(await slackErrorOf(client.chat.update({ channel: general.id, ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    await client.chat.delete({ channel: general.id, ts });
    expect(double.messagesIn(general.id)).toHaveLength(0);
    expect(await slackErrorOf(client.chat.delete({ channel: general.id, ts }))).toBe('message_not_found');
  });

  it('keeps ephemeral messages out of channel history', async () => {
    const res = await client.chat.postEphemeral({
      channel: general.id,
      user: DEFAULT_USERS.bob.id,
      text: 'only you',
    });
    expect(res.message_ts).toBeTruthy();
    expect(double.messagesIn(general.id)).toHaveLength(0);
    expect(double.ephemeralsFor(DEFAULT_USERS.bob.id, general.id).map((m) => m.text)).toEqual(['only you']);
  });

  it('records calls with decoded blocks and refuses bad tokens and unknown methods', async () => {
    await client.chat.postMessage({ channel: general.id, text: 'hi', blocks: sections(2) });
    const call = double.lastCallTo('chat.postMessage');
    expect(call?.args['blocks']).toEqual(sections(2));
    expect(call?.token).toBe('xoxb-test');
    const stranger = new (client.constructor as typeof WebClient)('xoxb-wrong', { slackApiUrl: double.url });
    expect(await slackErrorOf(stranger.auth.test())).toBe('invalid_auth');
    expect(await slackErrorOf(client.apiCall('chat.frobnicate', {}))).toBe('unknown_method');
    const auth = await client.auth.test();
    expect(auth).toMatchObject({
      ok: true,
      user_id: double.botUserId,
      bot_id: double.botId,
      team_id: double.teamId,
    });
  });

  it('answers invalid_blocks_format for blocks that are not JSON (raw form post)', async () => {
    const body = new URLSearchParams({
      token: 'xoxb-test',
      channel: general.id,
      text: 'x',
      blocks: '[{oops',
    });
    const res = await fetch(`${double.url}chat.postMessage`, { method: 'POST', body });
    expect(await res.json()).toEqual({ ok: false, error: 'invalid_blocks_format' });
  });

  it('accepts JSON bodies with the token in the Authorization header', async () => {
    const res = await fetch(`${double.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test' },
      body: JSON.stringify({ channel: general.id, text: 'json', blocks: sections(1) }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: general.id });
  });
});
