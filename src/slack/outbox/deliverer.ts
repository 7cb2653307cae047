// The outbox deliverer: claims due notices, renders them, sends them through its own WebClient, and settles
// each claim. Exactly once: a claim is a compare-and-set in the database; a send that may have reached Slack
// (5xx, timeout, a claim gone stale) is looked for in the conversation's history by the key in its metadata
// before it is tried again; `sent` is written with the channel and ts Slack answered.
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import PQueue from 'p-queue';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/client.ts';
import {
  type Claimed,
  claimDue,
  findByKey,
  markUncertain,
  recordChannel,
  release,
  renewClaims,
  settleFailed,
  settleSent,
  settleSentMany,
} from '../../db/queries/outbox.ts';
import type { OutboxSignal, Recipient } from '../../services/outbox.ts';
import { NOTICE_RENDERERS, rendererFor } from '../notices/index.ts';
import { isFile, type NoticeRenderer, type Rendered } from '../notices/types.ts';
import { fitMessage } from '../views/fit.ts';
import { MethodLimiter, type RateBudget, SLACK_RATE_BUDGET } from './rate-limits.ts';
import { findSentMessage, noticeMetadata } from './reconcile.ts';
import { classify, type Failure } from './slack-errors.ts';

/** Slack answers in well under a second; a call still open after this is treated as "may have happened". */
export const SEND_TIMEOUT_MS = 4000;

/**
 * After a call got no answer (timeout, dropped connection) the request may still reach Slack and be carried
 * out, so its history is read only this much later, when whatever was in flight has landed or died.
 */
export const IN_FLIGHT_SETTLE_MS = 30_000;

export interface OutboxOptions {
  budget?: RateBudget;
  /** Notices in flight at once in this instance. */
  concurrency?: number;
  /** Rows claimed per round of a pass. */
  batchSize?: number;
  /** Tries within one claim (429 waits and 5xx back-offs included) before the row goes back to pending. */
  triesPerClaim?: number;
  /** Claims in all before a notice is given up. */
  maxAttempts?: number;
  /** Longest wait (Retry-After or back-off) spent inside a claim; longer waits release the row. */
  maxInlineWaitMs?: number;
  /** A claim older than this is stale: its holder died or hung. Longer than the longest bounded claim. */
  leaseMs?: number;
  /** Real time for pacing against Slack's servers (rate windows, Retry-After); default Date.now. */
  realNow?: () => number;
  renderers?: Readonly<Record<string, NoticeRenderer>>;
}

export interface DeliveryReport {
  sent: number;
  /** Found already in Slack by their key, so not sent again. */
  reconciled: number;
  /** Put back for later (rate limits, Slack trouble, waiting for the message they reply to). */
  deferred: number;
  failed: number;
}

export interface Deliverer extends OutboxSignal {
  /** One pass: claims everything due at `at` (and stale claims) and settles it. The scheduler's job. */
  deliverDue(at: Date): Promise<DeliveryReport>;
  /** Resolves once no pass is running or waiting. */
  idle(): Promise<void>;
  /** Stops claiming; waits at most `limitMs` for notices in flight. Unstarted claims are put back. */
  stop(limitMs: number): Promise<void>;
}

export interface DelivererDeps {
  db: Db;
  /** The outbox's own client: no automatic retries, 429s rejected, a timeout (see createOutboxClient). */
  client: WebClient;
  clock: Clock;
  logger: Logger;
}

const defaults = {
  concurrency: 8,
  batchSize: 100,
  triesPerClaim: 3,
  maxAttempts: 6,
  maxInlineWaitMs: 5000,
} as const;

/**
 * A claim taken or renewed less than this long ago (by both the business clock and real time) is not renewed
 * again before a Slack call: a fan-out sends most of a batch within this of claiming it, and one write per
 * notice saved is a third of the outbox's writes.
 */
export const RENEW_AFTER_MS = 2000;

/**
 * Sent notices are settled in one statement per this many (or per SETTLE_DELAY_MS, whichever comes first).
 * A crash before that statement leaves them claimed, as a crash between any send and its settle does: they
 * go stale and are looked for in Slack before anything is sent again.
 */
export const SETTLE_BATCH = 50;
export const SETTLE_DELAY_MS = 100;

/**
 * The longest a claim goes without being renewed. A claim is renewed before a Slack call (after waiting for
 * the rate budget, which may take a window) unless it was taken or renewed less than RENEW_AFTER_MS before,
 * so the gap is that, one call that times out and the longest wait between tries. A claim older than this
 * plus a margin belongs to a holder that died or hung.
 */
export function longestClaimGapMs(options: OutboxOptions = {}): number {
  return RENEW_AFTER_MS + SEND_TIMEOUT_MS + (options.maxInlineWaitMs ?? defaults.maxInlineWaitMs);
}

/** Thrown when a claim was taken over (it went stale): the holder stops at once and sends nothing. */
class LostClaim extends Error {}

type Call = <T>(method: string, run: () => Promise<T>) => Promise<T>;

export function createDeliverer(deps: DelivererDeps, options: OutboxOptions = {}): Deliverer {
  const { db, client, clock, logger } = deps;
  const settings = { ...defaults, ...options };
  const leaseMs = options.leaseMs ?? longestClaimGapMs(options) + 10_000;
  const renderers = options.renderers ?? NOTICE_RENDERERS;
  const realNow = options.realNow ?? Date.now;
  const limiter = new MethodLimiter(db, options.budget ?? SLACK_RATE_BUDGET, realNow, settings.concurrency);
  const rows = new PQueue({ concurrency: settings.concurrency });
  let chain: Promise<unknown> = Promise.resolve();
  let waiting = false;
  let stopping = false;
  let wakeTimer: NodeJS.Timeout | undefined;

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const later = (ms: number) => new Date(clock.now().getTime() + ms);

  /** When each claim held was last written (taken or renewed), by the business clock and in real time. */
  const heldSince = new WeakMap<Claimed, { at: number; real: number }>();
  /** Renewals by claim token: the rows of a batch are renewed together, in one statement. */
  const renewals = new Map<string, Promise<{ ids: Set<number>; at: number; real: number }>>();
  const fresh = (since: { at: number; real: number } | undefined, now: Date) =>
    since !== undefined &&
    now.getTime() - since.at < RENEW_AFTER_MS &&
    realNow() - since.real < RENEW_AFTER_MS;

  /** Slack calls for one claimed row: paced, and each preceded by renewing the claim unless it is fresh. */
  function callFor(row: Claimed): Call {
    const renew = async (): Promise<void> => {
      const now = clock.now();
      if (fresh(heldSince.get(row), now)) return;
      let renewal = renewals.get(row.claimToken);
      if (!renewal || !fresh(await renewal, now)) {
        const real = realNow();
        renewal = renewClaims(db, row.claimToken, now).then((ids) => ({ ids, at: now.getTime(), real }));
        renewals.set(row.claimToken, renewal);
        renewal.catch(() => renewals.delete(row.claimToken));
      }
      const { ids, at, real } = await renewal;
      if (!ids.has(row.id)) throw new LostClaim(`the claim on ${row.key} was taken over`);
      heldSince.set(row, { at, real });
    };
    return (method, run) =>
      limiter.run(row.workspaceId, method, run, renew).catch(async (error: unknown) => {
        const failure = classify(error);
        if (failure.kind === 'rate_limited')
          await limiter.pause(row.workspaceId, method, failure.retryAfterMs);
        throw error;
      });
  }

  /** DM channels already known, by workspace and user: learnt from earlier sends, so opened once at most. */
  const dms = new Map<string, string>();
  const dmKey = (workspaceId: number, user: string) => `${workspaceId}:${user}`;
  const DM_CACHE_LIMIT = 50_000;
  function rememberDm(row: Claimed, channel: string): void {
    if (row.toType !== 'user' || !channel.startsWith('D')) return;
    if (dms.size >= DM_CACHE_LIMIT) dms.clear();
    dms.set(dmKey(row.workspaceId, row.toId), channel);
  }

  /** The bot's DM with a person: from this process's memory, then from any notice sent there, then Slack. */
  async function dmChannel(call: Call, row: Claimed): Promise<string> {
    const known = dms.get(dmKey(row.workspaceId, row.toId));
    if (known) return known;
    const earlier = await db.outbox.findFirst({
      where: { workspaceId: row.workspaceId, toType: 'user', toId: row.toId, channel: { startsWith: 'D' } },
      select: { channel: true },
    });
    if (earlier?.channel) {
      rememberDm(row, earlier.channel);
      return earlier.channel;
    }
    const opened = await call('conversations.open', () => client.conversations.open({ users: row.toId }));
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open answered without a channel');
    rememberDm(row, id);
    return id;
  }

  /** The conversation a notice lands in, when it is known without sending. */
  async function channelOf(call: Call, row: Claimed): Promise<string> {
    if (row.channel) return row.channel;
    const channel = row.toType === 'user' ? await dmChannel(call, row) : row.toId;
    await recordChannel(db, row, channel);
    row.channel = channel;
    return channel;
  }

  async function send(
    call: Call,
    row: Claimed,
    rendered: Rendered,
    parent: { channel: string; ts: string } | undefined,
    replace: boolean,
  ): Promise<{ channel: string; ts: string }> {
    if (isFile(rendered)) return upload(call, row, rendered.file, parent);
    const wire = fitMessage(rendered);
    if (replace && parent) {
      await call('chat.update', () =>
        client.chat.update({
          channel: parent.channel,
          ts: parent.ts,
          text: wire.text,
          blocks: wire.blocks ?? [],
        }),
      );
      return parent;
    }
    const channel = parent?.channel ?? row.channel ?? row.toId;
    const answer = await call('chat.postMessage', () =>
      client.chat.postMessage({
        channel,
        text: wire.text,
        ...(wire.blocks ? { blocks: wire.blocks } : {}),
        ...(parent ? { thread_ts: parent.ts } : {}),
        metadata: noticeMetadata(row.workspaceId, row.key),
        unfurl_links: false,
      }),
    );
    if (!answer.ts || !answer.channel) throw new Error('chat.postMessage answered without channel and ts');
    return { channel: answer.channel, ts: answer.ts };
  }

  /** Files use Slack's external upload flow; the share is not a message with metadata, its ts is `file:F…`. */
  async function upload(
    call: Call,
    row: Claimed,
    file: { filename: string; title: string; altText: string; bytes: Uint8Array },
    parent: { channel: string; ts: string } | undefined,
  ): Promise<{ channel: string; ts: string }> {
    const channel = parent?.channel ?? (await channelOf(call, row));
    const url = await call('files.getUploadURLExternal', () =>
      client.files.getUploadURLExternal({
        filename: file.filename,
        length: file.bytes.byteLength,
        alt_text: file.altText,
      }),
    );
    if (!url.upload_url || !url.file_id) throw new Error('files.getUploadURLExternal answered without a URL');
    const posted = await fetch(url.upload_url, {
      method: 'POST',
      body: file.bytes,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    if (!posted.ok) throw new Error(`the file upload answered HTTP ${posted.status}`);
    const fileId = url.file_id;
    await call('files.completeUploadExternal', () =>
      client.files.completeUploadExternal({
        files: [{ id: fileId, title: file.title }],
        channel_id: channel,
        ...(parent ? { thread_ts: parent.ts } : {}),
      }),
    );
    return { channel, ts: `file:${fileId}` };
  }

  /** Where the earlier notice named by threadOf/replaces is; 'wait' while it is still to be sent. */
  async function parentOf(row: Claimed): Promise<{ channel: string; ts: string } | 'wait' | undefined> {
    const key = row.replaces ?? row.threadOf;
    if (!key) return undefined;
    const sentJustNow = unsettledByKey.get(`${row.workspaceId}:${key}`);
    if (sentJustNow) return sentJustNow.ts.startsWith('file:') ? undefined : sentJustNow;
    const parent = await findByKey(db, row.workspaceId, key);
    if (parent?.state === 'sent' && parent.channel && parent.ts && !parent.ts.startsWith('file:'))
      return { channel: parent.channel, ts: parent.ts };
    if (parent && (parent.state === 'pending' || parent.state === 'claimed')) return 'wait';
    // The earlier notice was given up (or never existed): this one stands on its own, as a new message.
    return undefined;
  }

  async function deliverRow(row: Claimed, report: DeliveryReport): Promise<void> {
    if (stopping) {
      await release(db, row, row.dueAt, { refund: true });
      return;
    }
    const renderer = rendererFor(row.kind, renderers);
    if (!renderer) {
      await settleFailed(db, row, `no renderer for the kind "${row.kind}"`);
      report.failed++;
      return;
    }
    const to: Recipient = row.toType === 'user' ? { user: row.toId } : { channel: row.toId };
    let rendered: Rendered;
    try {
      rendered = await renderer(JSON.parse(row.payload), {
        workspaceId: row.workspaceId,
        key: row.key,
        to,
        now: clock.now(),
      });
    } catch (error) {
      await settleFailed(
        db,
        row,
        `could not render: ${error instanceof Error ? error.message : String(error)}`,
      );
      report.failed++;
      return;
    }
    const parent = await parentOf(row);
    if (parent === 'wait') {
      await release(db, row, later(5000), { refund: true });
      report.deferred++;
      return;
    }
    const call = callFor(row);
    const replace = Boolean(row.replaces && parent);
    for (let attempt = 1; ; attempt++) {
      try {
        // chat.update is idempotent; everything else is looked for first when it may have gone out.
        if (row.uncertain && !replace && !isFile(rendered)) {
          const ts = await lookFor(call, row);
          if (ts) {
            await settleSent(db, row, clock.now(), { channel: row.channel ?? row.toId, ts });
            report.reconciled++;
            return;
          }
        }
        const where = await send(call, row, rendered, parent, replace);
        rememberDm(row, where.channel);
        settleLater(row, where);
        report.sent++;
        return;
      } catch (error) {
        if (error instanceof LostClaim) {
          logger.warn(error.message);
          return;
        }
        const failure = classify(error);
        if (failure.kind === 'permanent') {
          logger.warn(`notice ${row.key} given up: ${failure.error}`);
          await settleFailed(db, row, failure.error);
          report.failed++;
          return;
        }
        if (failure.kind === 'uncertain') {
          await markUncertain(db, row, failure.error);
          row.uncertain = true;
        }
        const wait = waitAfter(failure, attempt);
        if (failure.kind === 'uncertain' && !failure.answered) {
          await release(db, row, later(IN_FLIGHT_SETTLE_MS), { error: failure.error });
          report.deferred++;
          return;
        }
        if (attempt < settings.triesPerClaim && wait <= settings.maxInlineWaitMs && !stopping) {
          await sleep(wait);
          continue;
        }
        if (row.attempts >= settings.maxAttempts) {
          logger.warn(`notice ${row.key} given up after ${row.attempts} claims: ${failure.error}`);
          await settleFailed(db, row, `gave up after ${row.attempts} attempts: ${failure.error}`);
          report.failed++;
          return;
        }
        // Stopping does not shorten a Retry-After: Slack asked for it, whoever sends next must honour it.
        const resume = stopping && failure.kind !== 'rate_limited' ? 0 : wait;
        await release(db, row, later(resume), { error: failure.error });
        report.deferred++;
        return;
      }
    }
  }

  /**
   * The ts of this notice if Slack already has it. When the history cannot be read (the app is not in the
   * channel, or lacks the scope) nobody can know: the notice is sent, and the doubt logged.
   */
  async function lookFor(call: Call, row: Claimed): Promise<string | undefined> {
    const channel = await channelOf(call, row);
    try {
      return await findSentMessage(call, client, channel, row.workspaceId, row.key);
    } catch (error) {
      const failure = classify(error);
      if (failure.kind !== 'permanent') throw error;
      logger.warn(
        `notice ${row.key}: cannot read ${channel} to check for an earlier send (${failure.error})`,
      );
      return undefined;
    }
  }

  /** Sent and not yet settled: written together (see SETTLE_BATCH). */
  let unsettled: Array<{ row: Claimed; where: { channel: string; ts: string } }> = [];
  /** The same by workspace and key, for a reply or replacement of one of them (see parentOf). */
  const unsettledByKey = new Map<string, { channel: string; ts: string }>();
  let settleTimer: NodeJS.Timeout | undefined;
  let settling: Promise<void> = Promise.resolve();

  function settleLater(row: Claimed, where: { channel: string; ts: string }): void {
    unsettled.push({ row, where });
    unsettledByKey.set(`${row.workspaceId}:${row.key}`, where);
    if (unsettled.length >= SETTLE_BATCH) void settleNow();
    else settleTimer ??= setTimeout(() => void settleNow(), SETTLE_DELAY_MS);
  }

  /** Writes what is sent and not yet settled; resolves once every earlier settle is written too. */
  function settleNow(): Promise<void> {
    clearTimeout(settleTimer);
    settleTimer = undefined;
    const rows = unsettled;
    unsettled = [];
    settling = settling.then(async () => {
      if (rows.length === 0) return;
      // A failure leaves the rows claimed: they go stale, and are looked for in Slack before any resend.
      await settleSentMany(db, rows, clock.now()).catch((error: unknown) =>
        logger.error(`${rows.length} sent notices could not be settled`, error),
      );
      for (const { row } of rows) unsettledByKey.delete(`${row.workspaceId}:${row.key}`);
    });
    return settling;
  }

  async function pass(at: Date): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, reconciled: 0, deferred: 0, failed: 0 };
    const started: Promise<void>[] = [];
    // Rows of this pass claimed and not yet settled, and a wake-up for when that drops.
    let open = 0;
    let drained: (() => void) | undefined;
    const settled = () => {
      open--;
      drained?.();
    };
    const fewerOpenThan = (limit: number) =>
      new Promise<void>((resolve) => {
        drained = () => {
          if (open < limit) resolve();
        };
        drained();
      });
    while (!stopping) {
      const { claimed, more } = await claimDue(db, at, leaseMs, settings.batchSize);
      const taken = { at: at.getTime(), real: realNow() };
      for (const row of claimed) heldSince.set(row, taken);
      if (claimed.length === 0 && !more) break;
      // A reply or replacement waits for the notice it refers to when both are in this batch (one in an
      // earlier batch still being sent is found 'claimed' and waits its turn: see parentOf).
      const done = new Map<string, Promise<void>>();
      for (const row of claimed) {
        const before = done.get(row.replaces ?? row.threadOf ?? '') ?? Promise.resolve();
        const task = before.then(() =>
          rows.add(() =>
            deliverRow(row, report).catch((error: unknown) => {
              // The database failed under us: the claim stays, and goes stale, and is reconciled then.
              logger.error(`notice ${row.key} could not be settled`, error);
            }),
          ),
        );
        done.set(row.key, task);
        open++;
        started.push(task.finally(settled));
      }
      if (!more) break;
      // The next batch is claimed while the end of this one is still going out, so sending never pauses
      // between batches; claimed rows wait behind at most about half a batch.
      await fewerOpenThan(Math.max(1, Math.floor(settings.batchSize / 2)));
      drained = undefined;
    }
    await Promise.all(started);
    await settleNow();
    renewals.clear();
    await wakeForRetries(at);
    return report;
  }

  /** Between the minute ticks, come back when the next deferred notice is due or the next claim goes stale. */
  async function wakeForRetries(at: Date): Promise<void> {
    const [next, oldestClaim] = await Promise.all([
      db.outbox.findFirst({
        where: { state: 'pending', dueAt: { gt: at } },
        orderBy: { dueAt: 'asc' },
        select: { dueAt: true },
      }),
      db.outbox.findFirst({
        where: { state: 'claimed' },
        orderBy: { claimedAt: 'asc' },
        select: { claimedAt: true },
      }),
    ]);
    const times = [
      next?.dueAt.getTime(),
      oldestClaim?.claimedAt ? oldestClaim.claimedAt.getTime() + leaseMs : undefined,
    ].filter((time): time is number => time !== undefined && time > at.getTime());
    if (times.length === 0 || stopping) return;
    const inMs = Math.min(...times) - at.getTime();
    if (inMs > 60_000) return;
    clearTimeout(wakeTimer);
    wakeTimer = setTimeout(() => deliverer.wake(), inMs + 10);
    wakeTimer.unref();
  }

  const deliverer: Deliverer = {
    deliverDue(at) {
      const run = chain.then(() => pass(at));
      chain = run.catch((error: unknown) => logger.error('outbox pass failed', error));
      return run;
    },
    wake() {
      // Passes run one after another; one waiting to start covers every wake that comes before it.
      if (waiting || stopping) return;
      waiting = true;
      chain = chain
        .then(() => {
          waiting = false;
          return pass(clock.now());
        })
        .catch((error: unknown) => logger.error('outbox pass failed', error));
    },
    async idle() {
      for (;;) {
        const current = chain;
        await current;
        await rows.onIdle();
        if (current === chain) return;
      }
    },
    async stop(limitMs) {
      stopping = true;
      clearTimeout(wakeTimer);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        deliverer.idle(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, limitMs);
        }),
      ]);
      clearTimeout(timer);
      await settleNow();
      limiter.clear();
    },
  };
  return deliverer;
}

/** Retry-After when Slack gave one; otherwise a short exponential back-off. */
function waitAfter(failure: Failure, attempt: number): number {
  if (failure.kind === 'rate_limited') return failure.retryAfterMs;
  return Math.min(250 * 2 ** (attempt - 1), 4000);
}
