// The outbox's own WebClient. The default client retries for about 30 minutes and pauses its whole queue on
// a 429; shared with interactive answers, one rate-limited burst of notices would make every views.open miss
// its 3-second trigger. This one never retries by itself (the deliverer decides, after looking in Slack for
// a send that may have happened), rejects 429s at once with their Retry-After, and gives up on a slow answer.
import type { Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { SEND_TIMEOUT_MS } from './deliverer.ts';

export function createOutboxClient(
  token: string,
  slackApiUrl: string | undefined,
  logger: Logger,
): WebClient {
  return new WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SEND_TIMEOUT_MS,
  });
}
