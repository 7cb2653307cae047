import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RESPONSE_URL_MAX_USES,
  type SlackDouble,
  startSlackDouble,
} from '../../devkit/slack-stand-in/web-api/index.ts';

describe('slack double: response_url', () => {
  let double: SlackDouble;

  beforeEach(async () => {
    double = await startSlackDouble();
  });
  afterEach(async () => {
    await double.close();
  });

  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('records posts and refuses after five uses, like Slack', async () => {
    const url = double.newResponseUrl({ channelId: 'C0OKRS', userId: 'U0ALICE' });
    for (let i = 0; i < RESPONSE_URL_MAX_USES; i += 1) {
      expect((await post(url, { text: `reply ${i}` })).status).toBe(200);
    }
    const sixth = await post(url, { text: 'one too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(double.responsesTo(url).filter((p) => p.accepted)).toHaveLength(5);
  });

  it('checks the message like chat.postMessage (strict text fallback included)', async () => {
    const url = double.newResponseUrl();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }];
    expect((await post(url, { blocks })).status).toBe(400);
    expect((await post(url, { text: 'x'.repeat(10), blocks: [{ type: 'nope' }] })).status).toBe(400);
    expect((await post(url, { delete_original: true })).status).toBe(200);
    expect(double.responsesTo(url).map((p) => p.error)).toEqual(['no_text', 'invalid_blocks', undefined]);
  });
});
