// Slack's per-method limits, kept on our side so the outbox rarely meets a 429 at all. Each method is paced
// evenly (one call every window / limit, not the whole window's calls in a burst at its start: Slack counts
// over a sliding window, so a burst at the end of one window and another at the start of the next is a
// 429), never more than `limit` calls in any stretch of one window, and after a 429 nothing for that method
// until Retry-After has passed. A count in the database keeps all instances on one database inside the same
// budget together.
//
// "Any stretch of one window" is counted the way Slack counts, by when calls arrive there, which this side
// cannot see; what it can see bounds it: a call arrives after it was sent and before its answer comes back.
// So a call goes only once the call `limit` calls before it was answered a whole window ago: then the two
// arrived at least a window apart, however late the first was delivered or the second sent (a busy process,
// a busy network). Counting by the time calls were sent instead is a 429 whenever one call is delayed a few
// milliseconds more than the call `limit` after it, which a loaded machine does every few seconds.
import PQueue from 'p-queue';
import type { Db } from '../../db/client.ts';
import {
  forgetWindowsBefore,
  recordRetryAfter,
  retryAfterUntil,
  takeFromWindow,
} from '../../db/queries/rate-windows.ts';

export interface RateBudget {
  /** Length of one counting window. */
  windowMs: number;
  /** Calls allowed per window, per workspace and method; methods not listed use `otherwise`. */
  perWindow: Readonly<Record<string, number>>;
  otherwise: number;
}

/**
 * Slack's tiers per minute (Tier 2: 20, Tier 3: 50, Tier 4: 100). chat.postMessage has its own rule, "several
 * hundred per minute" per workspace with bursts; 300 leaves room for the interactive client's posts.
 */
export const SLACK_RATE_BUDGET: RateBudget = {
  windowMs: 60_000,
  perWindow: {
    'chat.postMessage': 300,
    'chat.update': 50,
    'conversations.open': 50,
    'conversations.history': 50,
    'files.getUploadURLExternal': 100,
    'files.completeUploadExternal': 100,
    'users.info': 100,
    'users.list': 20,
  },
  otherwise: 20,
};

/**
 * Margin on the even spacing, as a share of a window: 1% keeps the calls of a window (and the count shared in
 * the database, by fixed windows) just under the limit. Arrival jitter needs none: see the window check.
 */
const WINDOW_MARGIN = 0.01;
/** How often the Retry-After pauses other instances recorded are read, while calls keep going. */
const PAUSE_READ_MS = 250;
/**
 * How far behind its slots a method may fall and still catch up, as a share of a window: a process stalled
 * for a quarter of a window (a loaded machine does that) sends what it missed right after, still never more
 * than the limit in a window (the check on answer times), rather than losing that quarter's calls.
 */
const CATCH_UP_SHARE = 0.25;
/** Above this many calls per window, pacing is by spacing alone (the exact record would be large). */
const MAX_TRACKED_CALLS = 1000;
/** The shared count is taken this share of a window's limit at a time: one database write per chunk. */
const CHUNK_SHARE = 0.1;

interface MethodPace {
  queue: PQueue;
  limit: number;
  /** Time between two calls. */
  spacingMs: number;
  /** The last slot handed out. */
  lastSlot: number;
  /**
   * When the last `limit` calls were answered (a ring; Infinity while one is still out), when the limit is
   * small enough to keep them.
   */
  answered: number[];
  next: number;
  /** A 429's Retry-After: nothing before this. */
  pausedUntil: number;
  /** When the pauses other instances recorded were last read, per workspace. */
  pausesRead: Map<number, number>;
  /** Calls taken from the shared count and not yet made, and the window they belong to. */
  held: number;
  heldWindow: number;
  /** The shared count is taken by one call at a time. */
  taking: Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class MethodLimiter {
  private readonly paces = new Map<string, MethodPace>();
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly budget: RateBudget,
    /** Real time, not the business clock: windows and Retry-After are about Slack's servers. */
    private readonly realNow: () => number,
    private readonly concurrency: number,
  ) {}

  /**
   * Runs `call` for `method` once this instance's pace and the shared budget allow it. `before` runs once
   * the wait is over, right before the call (the deliverer renews its claim there); the call's time is
   * taken after it, so a slow `before` cannot bunch calls up.
   */
  run<T>(
    workspaceId: number,
    method: string,
    call: () => Promise<T>,
    before: () => Promise<void> = async () => {},
  ): Promise<T> {
    const pace = this.paceOf(method);
    return pace.queue.add(async () => {
      const slot = await this.turn(workspaceId, method, pace, before);
      try {
        return await call();
      } finally {
        // Answered, failed or timed out: whatever it did at Slack, it arrived there before now.
        if (slot !== undefined) pace.answered[slot] = this.realNow();
      }
    }) as Promise<T>;
  }

  /**
   * Slack answered 429: nothing more for this method until Retry-After has passed, from this instance at
   * once, and from the others on this database (and a restarted one) once they next read the pauses
   * (before their next call; at most PAUSE_READ_MS later for one already pacing calls).
   */
  async pause(workspaceId: number, method: string, ms: number): Promise<void> {
    const pace = this.paceOf(method);
    const until = this.realNow() + ms;
    pace.pausedUntil = Math.max(pace.pausedUntil, until);
    // Best effort: when the database cannot take it, this instance still holds off.
    await recordRetryAfter(this.db, `${workspaceId}:${method}`, until).catch(() => undefined);
  }

  /** Forgets calls not yet started (at shutdown); returns how many there were. */
  clear(): number {
    let dropped = 0;
    for (const pace of this.paces.values()) {
      dropped += pace.queue.size;
      pace.queue.clear();
    }
    return dropped;
  }

  private limitOf(method: string): number {
    return this.budget.perWindow[method] ?? this.budget.otherwise;
  }

  private paceOf(method: string): MethodPace {
    let pace = this.paces.get(method);
    if (!pace) {
      const limit = Math.max(1, this.limitOf(method));
      pace = {
        queue: new PQueue({ concurrency: this.concurrency }),
        limit,
        spacingMs: (this.budget.windowMs * (1 + WINDOW_MARGIN)) / limit,
        lastSlot: 0,
        answered: limit <= MAX_TRACKED_CALLS ? new Array<number>(limit).fill(0) : [],
        next: 0,
        pausedUntil: 0,
        pausesRead: new Map(),
        held: 0,
        heldWindow: 0,
        taking: Promise.resolve(),
      };
      this.paces.set(method, pace);
    }
    return pace;
  }

  /**
   * Waits until this call may go: its slot, the last window's calls, a Retry-After, the shared count.
   * Returns the call's place in the ring of answer times (undefined when the method is not tracked).
   */
  private async turn(
    workspaceId: number,
    method: string,
    pace: MethodPace,
    before: () => Promise<void>,
  ): Promise<number | undefined> {
    const windowMs = this.budget.windowMs;
    for (;;) {
      let now = this.realNow();
      if (now - (pace.pausesRead.get(workspaceId) ?? Number.NEGATIVE_INFINITY) >= PAUSE_READ_MS) {
        pace.pausesRead.set(workspaceId, now);
        const until = await retryAfterUntil(this.db, `${workspaceId}:${method}`, now);
        pace.pausedUntil = Math.max(pace.pausedUntil, until);
        now = this.realNow();
      }
      if (now < pace.pausedUntil) {
        await sleep(pace.pausedUntil - now);
        continue;
      }
      // A call that started late (a busy process) may make up a little time; the check on the last window
      // below keeps any catching up within the limit.
      const slot = Math.max(now - CATCH_UP_SHARE * windowMs, pace.lastSlot + pace.spacingMs);
      pace.lastSlot = slot;
      if (slot - now >= 1) await sleep(slot - now);
      await this.takeShared(workspaceId, method, pace);
      await before();
      // Checked last, right before the call leaves: nothing below waits, so nothing can come in between.
      now = this.realNow();
      if (now < pace.pausedUntil) {
        pace.held++;
        continue;
      }
      if (pace.answered.length === 0) return undefined;
      // The call `limit` calls before this one: answered at least a window ago (+1 ms for clock granularity),
      // or still out (Infinity), in which case wait a slot and look again.
      const free = (pace.answered[pace.next] ?? 0) + windowMs + 1;
      if (now < free) {
        pace.held++; // the permit taken above is still good in its window
        await sleep(Number.isFinite(free) ? free - now : pace.spacingMs);
        continue;
      }
      const place = pace.next;
      pace.answered[place] = Number.POSITIVE_INFINITY;
      pace.next = (place + 1) % pace.answered.length;
      return place;
    }
  }

  /** One call out of the count shared by every instance, taken a chunk at a time. */
  private async takeShared(workspaceId: number, method: string, pace: MethodPace): Promise<void> {
    // One taker at a time per method: several at once would each take a chunk and leave the window short.
    const before = pace.taking;
    let done = () => {};
    pace.taking = new Promise<void>((resolve) => {
      done = resolve;
    });
    await before;
    try {
      await this.takeOne(`${workspaceId}:${method}`, pace);
    } finally {
      done();
    }
  }

  private async takeOne(bucket: string, pace: MethodPace): Promise<void> {
    const { windowMs } = this.budget;
    const chunk = Math.max(1, Math.floor(pace.limit * CHUNK_SHARE));
    for (;;) {
      const now = this.realNow();
      const windowStart = Math.floor(now / windowMs) * windowMs;
      if (pace.heldWindow === windowStart && pace.held > 0) {
        pace.held--;
        return;
      }
      let got = 0;
      if (await takeFromWindow(this.db, bucket, windowStart, pace.limit, chunk)) got = chunk;
      else if (chunk > 1 && (await takeFromWindow(this.db, bucket, windowStart, pace.limit, 1))) got = 1;
      if (got > 0) {
        pace.heldWindow = windowStart;
        pace.held = got - 1;
        await this.sweep(windowStart);
        return;
      }
      // Spent by this and other instances: wait for the next window.
      await sleep(windowStart + windowMs - now + 5);
    }
  }

  private async sweep(windowStart: number): Promise<void> {
    const hour = 3_600_000;
    if (windowStart - this.lastSweep < hour) return;
    this.lastSweep = windowStart;
    await forgetWindowsBefore(this.db, windowStart - hour);
  }
}
