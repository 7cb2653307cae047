/**
 * Shared set-up for the double's own tests: a fresh double and a real WebClient pointed at it.
 */
import { type Logger, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import { afterEach, beforeEach } from 'vitest';
import {
  type SlackDouble,
  type SlackDoubleOptions,
  startSlackDouble,
} from '../../devkit/slack-stand-in/web-api/index.ts';

/** WebClient logs every `[ERROR]` detail the double returns; the assertions already cover them. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

export async function doubleWithClient(
  options: SlackDoubleOptions = {},
  clientOptions: WebClientOptions = {},
): Promise<{ double: SlackDouble; client: WebClient }> {
  const double = await startSlackDouble(options);
  // No retries by default: each test asserts on the first answer unless it opts into retrying.
  const client = new WebClient(double.botToken, {
    slackApiUrl: double.url,
    retryConfig: { retries: 0 },
    logger: silentLogger,
    ...clientOptions,
  });
  return { double, client };
}

/**
 * A fresh double and WebClient for each test of the enclosing describe: handed to `use` before the test,
 * the double closed after it.
 */
export function eachTestWithDouble(
  use: (fresh: { double: SlackDouble; client: WebClient }) => void,
  options: SlackDoubleOptions = {},
): void {
  let current: SlackDouble | undefined;
  beforeEach(async () => {
    const fresh = await doubleWithClient(options);
    current = fresh.double;
    use(fresh);
  });
  afterEach(() => current?.close());
}

/** Runs a WebClient call and returns the Slack error code it failed with (or 'ok'). */
export async function slackErrorOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const data = (error as { data?: { error?: string } }).data;
    return data?.error ?? (error as { code?: string }).code ?? String(error);
  }
}

/** `count` distinct section blocks, typed so WebClient's block types accept them. */
export function sections(count: number, text = 'hello') {
  return Array.from({ length: count }, (_, i) => ({
    type: 'section' as const,
    block_id: `s${i}`,
    text: { type: 'mrkdwn' as const, text },
  }));
}

/** The `ok:false` body of a failed WebClient call (error name and response_metadata messages). */
export async function slackFailureOf(call: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await call;
  } catch (error) {
    const data = (error as { data?: { error?: string; response_metadata?: { messages?: string[] } } }).data;
    return { error: data?.error ?? String(error), messages: data?.response_metadata?.messages ?? [] };
  }
  throw new Error('expected the call to fail');
}
