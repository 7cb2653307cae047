// Slack's per-method limits, kept on our side so the outbox rarely meets a 429 at all: a p-queue per method
// paces this instance (bounded concurrency, at most `perWindow` calls per window), and a count in the
// database keeps all instances on one database inside the same budget together.
import PQueue from 'p-queue';
import type { Db } from '../../db/client.ts';
import { forgetWindowsBefore, takeFromWindow } from '../../db/queries/rate-windows.ts';

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

export class MethodLimiter {
  private readonly queues = new Map<string, PQueue>();
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly budget: RateBudget,
    /** Real time, not the business clock: windows and Retry-After are about Slack's servers. */
    private readonly realNow: () => number,
    private readonly concurrency: number,
  ) {}

  /** Runs `call` for `method` once this instance's pace and the shared budget allow it. */
  run<T>(workspaceId: number, method: string, call: () => Promise<T>): Promise<T> {
    return this.queueFor(method).add(async () => {
      await this.takeShared(`${workspaceId}:${method}`, this.limitOf(method));
      return call();
    }) as Promise<T>;
  }

  /** Slack answered 429: nothing more for this method from this instance until Retry-After has passed. */
  pause(method: string, ms: number): void {
    const queue = this.queueFor(method);
    queue.pause();
    setTimeout(() => queue.start(), ms).unref();
  }

  /** Forgets calls not yet started (at shutdown); returns how many there were. */
  clear(): number {
    let dropped = 0;
    for (const queue of this.queues.values()) {
      dropped += queue.size;
      queue.clear();
    }
    return dropped;
  }

  private limitOf(method: string): number {
    return this.budget.perWindow[method] ?? this.budget.otherwise;
  }

  private queueFor(method: string): PQueue {
    let queue = this.queues.get(method);
    if (!queue) {
      queue = new PQueue({
        concurrency: this.concurrency,
        intervalCap: this.limitOf(method),
        interval: this.budget.windowMs,
      });
      this.queues.set(method, queue);
    }
    return queue;
  }

  private async takeShared(bucket: string, limit: number): Promise<void> {
    const { windowMs } = this.budget;
    for (;;) {
      const now = this.realNow();
      const windowStart = Math.floor(now / windowMs) * windowMs;
      if (await takeFromWindow(this.db, bucket, windowStart, limit)) {
        await this.sweep(windowStart);
        return;
      }
      // Spent by this and other instances: wait for the next window.
      await new Promise((resolve) => setTimeout(resolve, windowStart + windowMs - now + 5));
    }
  }

  private async sweep(windowStart: number): Promise<void> {
    const hour = 3_600_000;
    if (windowStart - this.lastSweep < hour) return;
    this.lastSweep = windowStart;
    await forgetWindowsBefore(this.db, windowStart - hour);
  }
}
