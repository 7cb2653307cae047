// Okra in Socket Mode: with SLACK_APP_TOKEN set, the app opens a WebSocket to Slack (the double) and receives
// commands and events over it; HTTP serves only /healthz.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpenedEvent, eventEnvelope, slashCommandForm } from '../../devkit/slack-stand-in/payloads.ts';
import { type Harness, MEMBER, startHarness, waitFor } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { SLACK_APP_TOKEN: 'xapp-test' } });
});
afterAll(() => h.close());

describe('Socket Mode', () => {
  it('connects out with the app token when started', async () => {
    await waitFor(() => h.double.socket.connected === 1);
    expect(h.double.lastCallTo('apps.connections.open')?.token).toBe('xapp-test');
  });

  it('acks /okr help over the socket and answers on the response_url', async () => {
    const responseUrl = h.double.newResponseUrl({ userId: MEMBER });
    const fields = Object.fromEntries(slashCommandForm({ userId: MEMBER, text: 'help', responseUrl }));
    const ack = await h.double.socket.sendSlashCommand(fields);
    expect(ack.envelope_id).toEqual(expect.any(String));
    await h.okra.idle();
    const replies = h.double.responsesTo(responseUrl);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.response_type).toBe('ephemeral');
    expect(String(replies[0]!.body.text)).toContain('/okr help');
  });

  it('publishes the Home tab for an app_home_opened event', async () => {
    const ack = await h.double.socket.sendEvent(eventEnvelope({ event: appHomeOpenedEvent(MEMBER) }));
    expect(ack.envelope_id).toEqual(expect.any(String));
    await h.okra.idle();
    expect(h.double.homeOf(MEMBER)).toMatchObject({ type: 'home' });
  });

  it('serves /healthz over HTTP, and nothing else', async () => {
    const health = await fetch(`${h.appUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, database: 'up' });
    const events = await fetch(`${h.appUrl}/slack/events`, { method: 'POST', body: '{}' });
    expect(events.status).toBe(404);
  });

  // Last: the app is stopped afterwards (afterAll stops it again, which must be harmless).
  it('closes the socket when stopped', async () => {
    await h.okra.stop();
    expect(h.double.socket.connected).toBe(0);
    await expect(
      h.double.socket.sendEvent(eventEnvelope({ event: appHomeOpenedEvent(MEMBER) })),
    ).rejects.toThrow(/no open Socket Mode connection/);
  });
});
