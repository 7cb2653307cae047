// Requests a forger or a broken proxy can send with a valid signature: a body whose payload is JSON null,
// a timestamp from the future, and an exact replay of a captured request (to the same instance or to
// another instance on the same database). None may crash the process or run anything twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSigned } from '../../devkit/slack-stand-in/driver.ts';
import { slashCommandForm } from '../../devkit/slack-stand-in/payloads.ts';
import { createApp, type Okra } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { ADMIN, type Harness, MEMBER, SIGNING_SECRET, startHarness } from '../support/harness.ts';

const FORM = 'application/x-www-form-urlencoded';
let h: Harness;
let second: Okra;
let secondUrl: string;

beforeAll(async () => {
  h = await startHarness();
  await h.command(ADMIN, 'help');
  // A second instance of Okra on the same database, as behind a load balancer.
  const config = parseConfig({
    SLACK_BOT_TOKEN: h.double.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: h.double.url,
    DATABASE_URL: h.database.url,
    OKRA_ADMINS: ADMIN,
  });
  second = createApp({ config, database: h.database, clock: h.clock, logger: silentLogger });
  secondUrl = `http://127.0.0.1:${await second.start(0)}`;
});
afterAll(async () => {
  await second.stop();
  await h.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function stillAnswers(): Promise<void> {
  const result = await h.command(MEMBER, 'help');
  expect(result.http.status).toBe(200);
  expect(result.replies).toHaveLength(1);
}

describe('a signed body that is not a Slack payload', () => {
  it('answers 400 to payload=null and keeps running', async () => {
    const response = await sendSigned(h.appUrl, SIGNING_SECRET, 'payload=null', FORM);
    expect(response.status).toBe(400);
    await stillAnswers();
  });

  it('answers 400 to a JSON body of null, a number or broken JSON, and keeps running', async () => {
    for (const body of ['null', '42', '{"type":']) {
      const response = await sendSigned(h.appUrl, SIGNING_SECRET, body, 'application/json');
      expect(response.status).toBe(400);
    }
    await stillAnswers();
  });

  it('answers any signed object Slack would never send, and keeps running', async () => {
    const bodies: Array<[string, string]> = [
      ['payload=%7B%7D', FORM],
      ['payload=%7B%22type%22%3A%22block_actions%22%7D', FORM],
      ['payload=%7B%22type%22%3A%22view_submission%22%2C%22view%22%3Anull%7D', FORM],
      ['{}', 'application/json'],
      ['{"type":"event_callback","event":null}', 'application/json'],
      ['command=%2Fokr', FORM],
    ];
    for (const [body, type] of bodies) {
      const response = await sendSigned(h.appUrl, SIGNING_SECRET, body, type);
      // Some reach Bolt and fail there (a 500 for a view_submission without a view): an answer all the same.
      expect(response.status, body).toBeGreaterThanOrEqual(200);
    }
    await stillAnswers();
  });
});

describe('timestamps', () => {
  it('refuses a request signed an hour in the future, and runs nothing', async () => {
    const responseUrl = h.double.newResponseUrl({ userId: MEMBER });
    const body = slashCommandForm({ userId: MEMBER, text: 'help', responseUrl }).toString();
    const response = await sendSigned(h.appUrl, SIGNING_SECRET, body, FORM, {
      timestamp: nowSeconds() + 3600,
    });
    expect(response.status).toBe(401);
    await h.okra.idle();
    expect(h.double.responsesTo(responseUrl)).toHaveLength(0);
  });

  it('still accepts a clock a minute ahead of ours', async () => {
    const responseUrl = h.double.newResponseUrl({ userId: MEMBER });
    const body = slashCommandForm({ userId: MEMBER, text: 'help', responseUrl }).toString();
    const response = await sendSigned(h.appUrl, SIGNING_SECRET, body, FORM, { timestamp: nowSeconds() + 60 });
    expect(response.status).toBe(200);
    await h.okra.idle();
    expect(h.double.responsesTo(responseUrl)).toHaveLength(1);
  });
});

describe('replays', () => {
  it('runs a command once when the same signed request arrives again, on this or another instance', async () => {
    const responseUrl = h.double.newResponseUrl({ userId: MEMBER });
    const body = slashCommandForm({ userId: MEMBER, text: 'help', responseUrl }).toString();
    const timestamp = nowSeconds();
    const first = await sendSigned(h.appUrl, SIGNING_SECRET, body, FORM, { timestamp });
    const again = await sendSigned(h.appUrl, SIGNING_SECRET, body, FORM, { timestamp });
    const elsewhere = await sendSigned(secondUrl, SIGNING_SECRET, body, FORM, { timestamp });
    expect([first.status, again.status, elsewhere.status]).toEqual([200, 200, 200]);
    await h.okra.idle();
    await second.idle();
    expect(h.double.responsesTo(responseUrl)).toHaveLength(1);
  });

  it('runs the same command sent again a second later (a new signature), as Slack would deliver it', async () => {
    const responseUrl = h.double.newResponseUrl({ userId: MEMBER });
    const body = slashCommandForm({ userId: MEMBER, text: 'help', responseUrl }).toString();
    await sendSigned(h.appUrl, SIGNING_SECRET, body, FORM, { timestamp: nowSeconds() - 1 });
    await sendSigned(h.appUrl, SIGNING_SECRET, body, FORM, { timestamp: nowSeconds() });
    await h.okra.idle();
    expect(h.double.responsesTo(responseUrl)).toHaveLength(2);
  });
});
