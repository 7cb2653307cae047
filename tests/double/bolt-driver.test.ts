import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appHomeOpenedEvent,
  field,
  sendBlockAction,
  sendCommand,
  sendEvent,
  sendUrlVerification,
  sendViewSubmission,
} from '../../devkit/slack-stand-in/driver.ts';
import {
  DEFAULT_USERS,
  type SlackDouble,
  startSlackDouble,
} from '../../devkit/slack-stand-in/web-api/index.ts';

const SECRET = 'test-signing-secret';
const alice = DEFAULT_USERS.alice.id;

/** A promise plus its resolver, to wait for a listener that runs after the ack. */
function signal<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('slack driver against a real Bolt app', () => {
  let double: SlackDouble;
  let app: App;
  let appUrl: string;
  let commandRuns: number;

  beforeEach(async () => {
    double = await startSlackDouble();
    app = new App({
      token: double.botToken,
      signingSecret: SECRET,
      clientOptions: { slackApiUrl: double.url, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    commandRuns = 0;
    const server = (await app.start(0)) as { address(): AddressInfo | string | null };
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterEach(async () => {
    await app.stop();
    await double.close();
  });

  it('acks a signed slash command and runs the listener, which can reply through respond()', async () => {
    const ran = signal<string>();
    app.command('/okr', async ({ ack, command, respond }) => {
      await ack();
      commandRuns += 1;
      await respond({ text: `You said ${command.text}`, response_type: 'ephemeral' });
      ran.resolve(command.user_id);
    });
    const responseUrl = double.newResponseUrl();
    const res = await sendCommand(appUrl, SECRET, {
      command: '/okr',
      text: 'status',
      userId: alice,
      responseUrl,
    });
    expect(res.status).toBe(200);
    expect(await ran.promise).toBe(alice);
    expect(commandRuns).toBe(1);
    expect(double.responsesTo(responseUrl).map((p) => p.body)).toEqual([
      { text: 'You said status', response_type: 'ephemeral' },
    ]);
  });

  it('gets 401 for a bad signature or a timestamp older than 5 minutes, and the listener never runs', async () => {
    app.command('/okr', async ({ ack }) => {
      commandRuns += 1;
      await ack();
    });
    const bad = await sendCommand(appUrl, SECRET, { userId: alice, text: 'x' }, { badSignature: true });
    const stale = await sendCommand(appUrl, SECRET, { userId: alice, text: 'x' }, { ageSeconds: 6 * 60 });
    const unsigned = await sendCommand(appUrl, SECRET, { userId: alice, text: 'x' }, { unsigned: true });
    expect([bad.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    await new Promise((r) => setTimeout(r, 100));
    expect(commandRuns).toBe(0);
  });

  it('opens a modal from a command with a double-issued trigger id, then submits it with state values', async () => {
    app.command('/okr', async ({ ack, client, body }) => {
      await ack();
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'checkin',
          private_metadata: 'kr-42',
          title: { type: 'plain_text', text: 'Check-in' },
          submit: { type: 'plain_text', text: 'Save' },
          blocks: [
            {
              type: 'input',
              block_id: 'confidence',
              label: { type: 'plain_text', text: 'Confidence' },
              element: {
                type: 'static_select',
                action_id: 'pick',
                options: [
                  { text: { type: 'plain_text', text: 'On track' }, value: 'green' },
                  { text: { type: 'plain_text', text: 'At risk' }, value: 'amber' },
                ],
              },
            },
            {
              type: 'input',
              block_id: 'note',
              label: { type: 'plain_text', text: 'Note' },
              element: { type: 'plain_text_input', action_id: 'text' },
            },
            {
              type: 'input',
              block_id: 'owner',
              label: { type: 'plain_text', text: 'Owner' },
              element: { type: 'users_select', action_id: 'who' },
            },
          ],
        },
      });
    });
    const submitted = signal<{ metadata: string; values: unknown }>();
    app.view('checkin', async ({ ack, view }) => {
      await ack();
      submitted.resolve({ metadata: view.private_metadata, values: view.state.values });
    });

    const trigger = double.newTriggerId({ userId: alice });
    expect((await sendCommand(appUrl, SECRET, { userId: alice, triggerId: trigger })).status).toBe(200);
    await expect.poll(() => double.currentModal(alice)).toBeDefined();
    const view = double.currentModal(alice) ?? {};

    const res = await sendViewSubmission(appUrl, SECRET, {
      userId: alice,
      view,
      values: {
        confidence: { pick: 'amber' },
        note: { text: 'Blocked on hiring' },
        owner: { who: field.user('U0BOB') },
      },
    });
    expect(res.status).toBe(200);
    const { metadata, values } = await submitted.promise;
    expect(metadata).toBe('kr-42');
    expect(values).toEqual({
      confidence: {
        pick: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'At risk' }, value: 'amber' },
        },
      },
      note: { text: { type: 'plain_text_input', value: 'Blocked on hiring' } },
      owner: { who: { type: 'users_select', selected_user: 'U0BOB' } },
    });
  });

  it('answers view_submission errors inline in the HTTP response', async () => {
    app.view('checkin', async ({ ack }) => {
      await ack({ response_action: 'errors', errors: { note: 'Say something' } });
    });
    const res = await sendViewSubmission(appUrl, SECRET, {
      userId: alice,
      view: { callback_id: 'checkin', blocks: [] },
      values: { note: { text: '' } },
    });
    expect(res.body).toEqual({ response_action: 'errors', errors: { note: 'Say something' } });
  });

  it('delivers block actions from a message', async () => {
    const clicked = signal<string | undefined>();
    app.action('approve', async ({ ack, action }) => {
      await ack();
      clicked.resolve('value' in action ? action.value : undefined);
    });
    const res = await sendBlockAction(appUrl, SECRET, {
      userId: alice,
      action: { actionId: 'approve', blockId: 'kr', value: 'kr-7', text: 'Approve' },
      channelId: 'C0OKRS',
      messageTs: '1700000000.000100',
    });
    expect(res.status).toBe(200);
    expect(await clicked.promise).toBe('kr-7');
  });

  it('delivers events (with retry headers) and answers the url_verification challenge', async () => {
    const seen = signal<number | undefined>();
    app.event('app_home_opened', async ({ event, client, context }) => {
      await client.views.publish({
        user_id: event.user,
        view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your OKRs' } }] },
      });
      seen.resolve(context.retryNum);
    });
    const res = await sendEvent(
      appUrl,
      SECRET,
      { event: appHomeOpenedEvent(alice) },
      { retryNum: 1, retryReason: 'http_timeout' },
    );
    expect(res.status).toBe(200);
    expect(await seen.promise).toBe(1);
    expect(double.homeOf(alice)?.['blocks']).toHaveLength(1);

    const challenge = await sendUrlVerification(appUrl, SECRET, 'abc123');
    expect(challenge.body).toEqual({ challenge: 'abc123' });
  });
});
