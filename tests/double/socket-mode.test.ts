import { request } from 'node:http';
import { SocketModeClient } from '@slack/socket-mode';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appHomeOpenedEvent } from '../../devkit/slack-stand-in/driver.ts';
import { eventEnvelope, slashCommandForm } from '../../devkit/slack-stand-in/payloads.ts';
import { type SlackDouble, startSlackDouble } from '../../devkit/slack-stand-in/web-api/index.ts';
import { waitFor } from '../support/harness.ts';
import { silentLogger, slackErrorOf } from './helpers.ts';

/** The URL apps.connections.open answered last. */
function lastSocketUrl(double: SlackDouble): string {
  const response = double.lastCallTo('apps.connections.open')?.response as { url?: string } | undefined;
  return String(response?.url);
}

/** Answers the HTTP status a WebSocket upgrade request to `wsUrl` gets. */
function upgradeStatus(wsUrl: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(wsUrl.replace(/^ws/, 'http'), {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('slack double: Socket Mode', () => {
  let double: SlackDouble;
  const clients: SocketModeClient[] = [];

  const connect = (options: { appToken?: string; clientPingTimeout?: number } = {}) => {
    const client = new SocketModeClient({
      appToken: options.appToken ?? double.appToken,
      logger: silentLogger,
      // Refused tokens should fail start() at once rather than retry in the background.
      autoReconnectEnabled: options.appToken === undefined,
      clientPingTimeout: options.clientPingTimeout ?? 5000,
      clientOptions: { slackApiUrl: double.url, retryConfig: { retries: 0 } },
    });
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    double = await startSlackDouble();
  });
  afterEach(async () => {
    // Disconnect first: a client whose socket the double closes would try to reconnect to nothing.
    await Promise.all(clients.splice(0).map((client) => client.disconnect()));
    await double.close();
  });

  it('lets the real client connect with the app token and say hello', async () => {
    const client = connect();
    await client.start();
    expect(double.socket.connected).toBe(1);
    expect(double.lastCallTo('apps.connections.open')?.token).toBe('xapp-test');
    expect(lastSocketUrl(double)).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket\/.+/);
  });

  it('delivers an events_api envelope and resolves with the ack', async () => {
    const client = connect();
    const seen: unknown[] = [];
    client.on('app_home_opened', async ({ event, ack }) => {
      seen.push(event);
      await ack();
    });
    await client.start();
    const body = eventEnvelope({ event: appHomeOpenedEvent('U0BOB') });
    const ack = await double.socket.sendEvent(body);
    expect(ack.envelope_id).toEqual(expect.any(String));
    expect(seen).toEqual([body['event']]);
    expect(double.socket.received).toContainEqual(expect.objectContaining({ envelope_id: ack.envelope_id }));
  });

  it('hands back what a slash command listener passed to ack()', async () => {
    const client = connect();
    client.on('slash_commands', async ({ body, ack }) => {
      await ack({ text: `you said ${String((body as { text?: string }).text)}` });
    });
    await client.start();
    const fields = Object.fromEntries(slashCommandForm({ userId: 'U0BOB', text: 'hello' }));
    const ack = await double.socket.sendSlashCommand(fields);
    expect(ack.payload).toEqual({ text: 'you said hello' });
  });

  it('rejects when the app never acks, and when nobody is connected', async () => {
    await expect(double.socket.sendInteractive({ type: 'block_actions' })).rejects.toThrow(/no open/);
    const client = connect();
    await client.start();
    await expect(double.socket.sendInteractive({ type: 'block_actions' }, { timeoutMs: 50 })).rejects.toThrow(
      /did not ack interactive envelope/,
    );
  });

  it('refuses a bot token and an unknown token, and app tokens elsewhere', async () => {
    const withBot = connect({ appToken: double.botToken });
    expect(await slackErrorOf(withBot.start())).toBe('not_allowed_token_type');
    const withUnknown = connect({ appToken: 'xapp-unknown' });
    expect(await slackErrorOf(withUnknown.start())).toBe('invalid_auth');
    expect(double.socket.connected).toBe(0);

    const appClient = new WebClient(double.appToken, {
      slackApiUrl: double.url,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });
    expect(await slackErrorOf(appClient.chat.postMessage({ channel: 'C0GENERAL', text: 'hi' }))).toBe(
      'not_allowed_token_type',
    );
  });

  it('serves each URL once, and only URLs it issued', async () => {
    const client = connect();
    await client.start();
    const url = lastSocketUrl(double);
    expect(await upgradeStatus(url)).toBe(404);
    expect(await upgradeStatus(url.replace(/socket\/.+$/, 'socket/made-up'))).toBe(404);
    expect(double.socket.connected).toBe(1);
  });

  it('answers the client pings, so an idle connection stays up', async () => {
    // With a 150 ms timeout the client pings every 50 ms and drops a connection that misses pongs.
    const client = connect({ clientPingTimeout: 150 });
    await client.start();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(double.socket.connected).toBe(1);
    expect(double.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('closes the socket when the client disconnects', async () => {
    const client = connect();
    await client.start();
    await client.disconnect();
    expect(double.socket.connected).toBe(0);
  });

  it('makes the client reconnect with a new URL on a disconnect message', async () => {
    // The client waits one clientPingTimeout before reconnecting; keep it short.
    const client = connect({ clientPingTimeout: 300 });
    client.on('app_home_opened', ({ ack }) => ack());
    await client.start();
    double.socket.requestReconnect();
    await waitFor(
      () => double.callsTo('apps.connections.open').length === 2 && double.socket.connected === 1,
    );
    const ack = await double.socket.sendEvent(eventEnvelope({ event: appHomeOpenedEvent('U0BOB') }));
    expect(ack.envelope_id).toEqual(expect.any(String));
  });
});
