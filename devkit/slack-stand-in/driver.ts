/**
 * Drives an app over HTTP the way Slack does: signed slash commands, interactions and events
 * POSTed to its `/slack/events` URL. Options forge what an attacker or a flaky network would
 * produce (bad signature, stale timestamp, Events API retries).
 */
import {
  type BlockActionInput,
  blockActionPayload,
  type EventInput,
  eventEnvelope,
  type SlashCommandInput,
  slashCommandForm,
  type ViewClosedInput,
  type ViewSubmissionInput,
  viewClosedPayload,
  viewSubmissionPayload,
} from './payloads.ts';
import { nowInSeconds, signSlackRequest } from './signature.ts';

export type {
  Actor,
  BlockActionInput,
  EventInput,
  SlashCommandInput,
  ViewClosedInput,
  ViewSubmissionInput,
} from './payloads.ts';
export { appHomeOpenedEvent, unknownTriggerId } from './payloads.ts';
export { signSlackRequest } from './signature.ts';
export { buildStateValues, type FieldValue, field, type StateMap } from './view-state.ts';

export interface SendOptions {
  /** Sign with the wrong secret. */
  badSignature?: boolean;
  /** Leave out the signature headers entirely. */
  unsigned?: boolean;
  /** Request timestamp (unix seconds) to sign and send; default now. */
  timestamp?: number;
  /** Shortcut for a timestamp this many seconds in the past (Bolt refuses > 300). */
  ageSeconds?: number;
  /** Events API redelivery headers. */
  retryNum?: number;
  retryReason?: string;
  headers?: Record<string, string>;
}

export interface DriverResponse {
  status: number;
  /** Parsed JSON when the answer is JSON, the raw text otherwise ('' for a bare ack). */
  body: unknown;
  headers: Headers;
  durationMs: number;
}

/** Accepts either the app's base URL or its full `/slack/events` URL. */
export function eventsUrlOf(appUrl: string): string {
  const url = new URL(appUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/slack/events';
  return url.toString();
}

/** Signs and POSTs a raw body. The lower-level entry point behind every `send*` helper. */
export async function sendSigned(
  appUrl: string,
  signingSecret: string,
  rawBody: string,
  contentType: string,
  options: SendOptions = {},
): Promise<DriverResponse> {
  const timestamp = options.timestamp ?? nowInSeconds() - (options.ageSeconds ?? 0);
  const headers: Record<string, string> = { 'content-type': contentType, ...options.headers };
  if (!options.unsigned) {
    const secret = options.badSignature ? `${signingSecret}-wrong` : signingSecret;
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = signSlackRequest(secret, timestamp, rawBody);
  }
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;

  const started = performance.now();
  const response = await fetch(eventsUrlOf(appUrl), { method: 'POST', headers, body: rawBody });
  const text = await response.text();
  const durationMs = performance.now() - started;
  return {
    status: response.status,
    body: parseBody(text, response.headers),
    headers: response.headers,
    durationMs,
  };
}

function parseBody(text: string, headers: Headers): unknown {
  const looksJson = (headers.get('content-type') ?? '').includes('json') || /^\s*[{[]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Interactions arrive as a form with a single `payload` field holding JSON. */
function sendInteraction(appUrl: string, secret: string, payload: unknown, options?: SendOptions) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return sendSigned(appUrl, secret, body, FORM, options);
}

export function sendCommand(appUrl: string, secret: string, input: SlashCommandInput, options?: SendOptions) {
  return sendSigned(appUrl, secret, slashCommandForm(input).toString(), FORM, options);
}

export function sendBlockAction(
  appUrl: string,
  secret: string,
  input: BlockActionInput,
  options?: SendOptions,
) {
  return sendInteraction(appUrl, secret, blockActionPayload(input), options);
}

export function sendViewSubmission(
  appUrl: string,
  secret: string,
  input: ViewSubmissionInput,
  options?: SendOptions,
) {
  return sendInteraction(appUrl, secret, viewSubmissionPayload(input), options);
}

export function sendViewClosed(
  appUrl: string,
  secret: string,
  input: ViewClosedInput,
  options?: SendOptions,
) {
  return sendInteraction(appUrl, secret, viewClosedPayload(input), options);
}

export function sendEvent(appUrl: string, secret: string, input: EventInput, options?: SendOptions) {
  return sendSigned(appUrl, secret, JSON.stringify(eventEnvelope(input)), JSON_TYPE, options);
}

/** The handshake Slack performs when the Request URL is saved; the app must echo `challenge`. */
export function sendUrlVerification(
  appUrl: string,
  secret: string,
  challenge: string,
  options?: SendOptions,
) {
  const body = JSON.stringify({ token: 'verification-token-unused', challenge, type: 'url_verification' });
  return sendSigned(appUrl, secret, body, JSON_TYPE, options);
}
