/**
 * Failures on demand: scripted faults (`failNext`) and per-method rate limits. Both answer the
 * way Slack does (HTTP 429 + `Retry-After`, 5xx, slow answers, `ok:false` errors), so retry and
 * back-off code is exercised against the real WebClient.
 */
import { seededRandom } from '../../random.ts';

export interface FaultSpec {
  /** HTTP status to answer. 429 adds `Retry-After` and `{ ok: false, error: 'ratelimited' }`. */
  status?: number;
  /** Seconds for the `Retry-After` header of a 429. Default 1. */
  retryAfter?: number;
  /** Answer HTTP 200 with `{ ok: false, error }`. */
  error?: string;
  /** Wait this long before answering (alone: then answer normally). */
  delayMs?: number;
  /** How many consecutive calls the fault applies to. Default 1. */
  times?: number;
  /**
   * Carry the call out (store the message) before failing or answering late, as Slack sometimes does:
   * with `status: 500` the message exists although the answer is an error; with `delayMs` alone it
   * exists although the answer comes after the client gave up.
   */
  afterStore?: boolean;
}

export interface RandomFaultSpec {
  /** Share of calls answered 429 with `Retry-After`. */
  rate429?: number;
  /** Share of calls answered 500. */
  rate500?: number;
  /** Of the 500s, the share that stored the message first. Default 0.5. */
  storedShare?: number;
  /** Seconds for `Retry-After`. Default 1. */
  retryAfter?: number;
  seed?: number;
}

export interface RateLimitSpec {
  perMinute?: number;
  perSecond?: number;
  /** Count each channel separately, like chat.postMessage's 1 message/second/channel rule. */
  perChannel?: boolean;
}

type FaultSource = 'scripted' | 'random' | 'rate_limit';

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'delay'; delayMs: number; afterStore: boolean; source: FaultSource }
  | {
      kind: 'fail';
      delayMs: number;
      status: number;
      retryAfter: number | undefined;
      error: string | undefined;
      afterStore: boolean;
      source: FaultSource;
    };

interface ActiveLimit {
  limit: number;
  windowMs: number;
  perChannel: boolean;
  hits: Map<string, number[]>;
}

/** Use as the method to match any method. */
export const ANY_METHOD = '*';

export class FaultPlan {
  private readonly scripted = new Map<string, Array<FaultSpec & { remaining: number }>>();
  private readonly limits = new Map<string, ActiveLimit>();
  private readonly random = new Map<string, RandomFaultSpec & { next: () => number }>();
  /** Until when each 429 answered asked its method (and channel, for per-channel limits) to wait. */
  private readonly waits = new Map<string, number>();

  private waitKey(method: string, channel: string | undefined): string {
    return this.limits.get(method)?.perChannel ? `${method} ${channel ?? ''}` : method;
  }

  /** A 429 was answered at `now` with `Retry-After: retryAfterSeconds`. */
  askedToWait(method: string, channel: string | undefined, now: number, retryAfterSeconds: number): void {
    const key = this.waitKey(method, channel);
    this.waits.set(key, Math.max(this.waits.get(key) ?? 0, now + retryAfterSeconds * 1000));
  }

  /** True while an earlier 429's Retry-After for this method (and channel) has not passed. */
  isWaiting(method: string, channel: string | undefined, now: number): boolean {
    return now < (this.waits.get(this.waitKey(method, channel)) ?? 0);
  }

  failRandomly(method: string, spec: RandomFaultSpec): void {
    this.random.set(method, { ...spec, next: seededRandom(spec.seed ?? 1) });
  }

  failNext(method: string, spec: FaultSpec): void {
    const queue = this.scripted.get(method) ?? [];
    queue.push({ ...spec, remaining: Math.max(1, spec.times ?? 1) });
    this.scripted.set(method, queue);
  }

  rateLimit(method: string, spec: RateLimitSpec): void {
    const perSecond = spec.perSecond !== undefined;
    const limit = perSecond ? spec.perSecond : spec.perMinute;
    if (limit === undefined || limit < 1) throw new Error('rateLimit needs perMinute or perSecond >= 1');
    this.limits.set(method, {
      limit,
      windowMs: perSecond ? 1000 : 60_000,
      perChannel: spec.perChannel ?? false,
      hits: new Map(),
    });
  }

  clear(): void {
    this.scripted.clear();
    this.limits.clear();
    this.random.clear();
    this.waits.clear();
  }

  decide(method: string, channel: string | undefined, now: number): FaultDecision {
    const scripted = this.takeScripted(method) ?? this.takeScripted(ANY_METHOD);
    if (scripted) {
      const delayMs = scripted.delayMs ?? 0;
      const afterStore = scripted.afterStore ?? false;
      if (scripted.status === undefined && scripted.error === undefined)
        return { kind: 'delay', delayMs, afterStore, source: 'scripted' };
      const status = scripted.status ?? 200;
      const retryAfter = status === 429 ? (scripted.retryAfter ?? 1) : undefined;
      return {
        kind: 'fail',
        delayMs,
        status,
        retryAfter,
        error: scripted.error,
        afterStore,
        source: 'scripted',
      };
    }
    const limited = this.checkRateLimit(method, channel, now);
    if (limited.kind !== 'none') return limited;
    return this.rollRandom(method);
  }

  private rollRandom(method: string): FaultDecision {
    const spec = this.random.get(method);
    if (!spec) return { kind: 'none' };
    const roll = spec.next();
    const rate429 = spec.rate429 ?? 0;
    const rate500 = spec.rate500 ?? 0;
    const base = { delayMs: 0, error: undefined, source: 'random' as const };
    if (roll < rate429)
      return { kind: 'fail', ...base, status: 429, retryAfter: spec.retryAfter ?? 1, afterStore: false };
    if (roll < rate429 + rate500) {
      const afterStore = spec.next() < (spec.storedShare ?? 0.5);
      return { kind: 'fail', ...base, status: 500, retryAfter: undefined, afterStore };
    }
    return { kind: 'none' };
  }

  private takeScripted(method: string): FaultSpec | undefined {
    const queue = this.scripted.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head;
  }

  /** Sliding window: a call is refused while `limit` calls already happened within the window. */
  private checkRateLimit(method: string, channel: string | undefined, now: number): FaultDecision {
    const active = this.limits.get(method);
    if (!active) return { kind: 'none' };
    const key = active.perChannel ? (channel ?? '') : '';
    const recent = (active.hits.get(key) ?? []).filter((at) => now - at < active.windowMs);
    if (recent.length >= active.limit) {
      active.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      const retryAfter = Math.max(1, Math.ceil((oldest + active.windowMs - now) / 1000));
      return {
        kind: 'fail',
        delayMs: 0,
        status: 429,
        retryAfter,
        error: undefined,
        afterStore: false,
        source: 'rate_limit',
      };
    }
    recent.push(now);
    active.hits.set(key, recent);
    return { kind: 'none' };
  }
}
