// What every request to /slack/events passes before Bolt sees it. Bolt checks the signature and refuses
// stale timestamps, but it accepts timestamps from the future, runs an exact replay again, and crashes the
// process on a signed body whose payload is JSON `null`. The gate answers those itself.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { verifySlackRequest } from '@slack/bolt';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { firstSighting, forgetOldSightings, REPLAY_WINDOW_MS } from '../db/queries/seen-requests.ts';
import { withDeadline } from '../deadline.ts';

/** Slack's own payloads stay far below this (a modal's state is at most a few hundred KB). */
export const MAX_BODY_BYTES = 1_000_000;
/** How long the replay check may wait for the database before letting the request through. */
const REPLAY_CHECK_DEADLINE_MS = 500;
const FUTURE_LIMIT_S = REPLAY_WINDOW_MS / 1000;

export interface GateDeps {
  db: Db;
  signingSecret: string;
  /** Wall-clock time, as Slack signs it (tests keep their business clock separately). */
  wallClock: Clock;
  warn(message: string, error?: unknown): void;
}

export type Gate = { pass: true } | { pass: false; status: number; reason: string };

/** Buffers the body onto `req.rawBody`, where Bolt's receiver takes it from. */
export async function gateSlackRequest(req: IncomingMessage, deps: GateDeps): Promise<Gate> {
  const body = await readBody(req);
  if (body === undefined) return refuse(413, 'request body too large');
  (req as IncomingMessage & { rawBody: Buffer }).rawBody = body;
  const text = body.toString('utf8');
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  const signature = req.headers['x-slack-signature'];
  const now = deps.wallClock.now();
  if (Number.isFinite(timestamp) && timestamp > now.getTime() / 1000 + FUTURE_LIMIT_S)
    return refuse(401, 'request timestamp is in the future');
  // Unsigned or badly signed requests go on to Bolt, which refuses them with its own answer and log.
  if (typeof signature !== 'string' || !validSignature(deps.signingSecret, text, signature, timestamp, now))
    return { pass: true };
  if (!readableBody(text, req.headers['content-type']))
    return refuse(400, 'request body is not a Slack payload');
  if (await isReplay(deps, signature, now)) return refuse(200, 'replay of a request already handled');
  return { pass: true };
}

const refuse = (status: number, reason: string): Gate => ({ pass: false, status, reason });

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function validSignature(
  secret: string,
  body: string,
  signature: string,
  timestamp: number,
  now: Date,
): boolean {
  try {
    verifySlackRequest({
      signingSecret: secret,
      body,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      nowMilliseconds: now.getTime(),
    });
    return true;
  } catch {
    return false;
  }
}

/** A JSON object, as Slack always sends: `payload=null`, a JSON `null` or a number would crash Bolt. */
function readableBody(text: string, contentType: string | undefined): boolean {
  try {
    if (contentType?.startsWith('application/json')) return isObject(JSON.parse(text));
    const form = parseQuery(text);
    if (form.payload === undefined) return true;
    return typeof form.payload === 'string' && isObject(JSON.parse(form.payload));
  } catch {
    return false;
  }
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

let lastSweep = 0;

/**
 * The signature is an HMAC of the timestamp and the body, so its hash names the exact request. A database
 * that does not answer in time must not hold the acknowledgement: the request then goes through unchecked.
 */
async function isReplay(deps: GateDeps, signature: string, now: Date): Promise<boolean> {
  const hash = createHash('sha256').update(signature).digest('hex');
  try {
    const first = await withDeadline(firstSighting(deps.db, hash, now), REPLAY_CHECK_DEADLINE_MS);
    if (now.getTime() - lastSweep > 60_000) {
      lastSweep = now.getTime();
      await withDeadline(forgetOldSightings(deps.db, now), REPLAY_CHECK_DEADLINE_MS);
    }
    return !first;
  } catch (error) {
    deps.warn('could not check the request against replays; handling it anyway', error);
    return false;
  }
}
