/**
 * Slack's request signing: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the app's
 * signing secret, sent in `X-Slack-Signature` next to `X-Slack-Request-Timestamp`.
 */
import { createHmac } from 'node:crypto';

export function signSlackRequest(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${rawBody}`)
    .digest('hex');
  return `v0=${digest}`;
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
