// What a failed Slack call means for a notice: wait and retry, look before retrying, or give up.
import { ErrorCode } from '@slack/web-api';

export type Failure =
  /** 429: Slack said when to come back. */
  | { kind: 'rate_limited'; retryAfterMs: number; error: string }
  /**
   * 5xx, a timeout, a dropped connection, or Slack's own internal error: the message may have been stored.
   * `answered`: Slack finished with the request (it sent an error), so its history already tells; without an
   * answer (timeout, dropped connection) the request may still be on its way, and looking now proves nothing.
   */
  | { kind: 'uncertain'; error: string; answered: boolean }
  /** The call can never succeed as it is (no such channel, archived, refused content, no scope). */
  | { kind: 'permanent'; error: string };

/** Platform errors that mean Slack failed on its side, after which a message may exist all the same. */
const SLACK_SIDE = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export function classify(error: unknown): Failure {
  const coded = error as { code?: unknown; retryAfter?: unknown; data?: { error?: unknown } } | null;
  if (coded?.code === ErrorCode.RateLimitedError) {
    const seconds = typeof coded.retryAfter === 'number' && coded.retryAfter > 0 ? coded.retryAfter : 1;
    return { kind: 'rate_limited', retryAfterMs: seconds * 1000, error: 'ratelimited' };
  }
  if (coded?.code === ErrorCode.PlatformError) {
    const name = typeof coded.data?.error === 'string' ? coded.data.error : 'unknown_error';
    if (name === 'ratelimited') return { kind: 'rate_limited', retryAfterMs: 1000, error: name };
    return SLACK_SIDE.has(name)
      ? { kind: 'uncertain', error: name, answered: true }
      : { kind: 'permanent', error: name };
  }
  if (coded?.code === ErrorCode.HTTPError) {
    const status = (error as { statusCode?: number }).statusCode ?? 0;
    // A 4xx other than 429 is a request Slack will never take; 5xx may have been stored first.
    return status >= 500
      ? { kind: 'uncertain', error: `http_${status}`, answered: true }
      : { kind: 'permanent', error: `http_${status}` };
  }
  // Timeouts and network failures (WebAPIRequestError) and anything unexpected.
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'uncertain', error: message.slice(0, 200), answered: false };
}
