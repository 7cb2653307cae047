/**
 * Failures on demand: scripted faults (`failNext`) and per-method rate limits. Both answer the
 * way Slack does (HTTP 429 + `Retry-After`, 5xx, slow answers, `ok:false` errors), so retry and
 * back-off code is exercised against the real WebClient.
 */
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
}

export interface RateLimitSpec {
  perMinute?: number;
  perSecond?: number;
  /** Count each channel separately, like chat.postMessage's 1 message/second/channel rule. */
  perChannel?: boolean;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'delay'; delayMs: number }
  | {
      kind: 'fail';
      delayMs: number;
      status: number;
      retryAfter: number | undefined;
      error: string | undefined;
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
  }

  decide(method: string, channel: string | undefined, now: number): FaultDecision {
    const scripted = this.takeScripted(method) ?? this.takeScripted(ANY_METHOD);
    if (scripted) {
      const delayMs = scripted.delayMs ?? 0;
      if (scripted.status === undefined && scripted.error === undefined) return { kind: 'delay', delayMs };
      const status = scripted.status ?? 200;
      const retryAfter = status === 429 ? (scripted.retryAfter ?? 1) : undefined;
      return { kind: 'fail', delayMs, status, retryAfter, error: scripted.error };
    }
    return this.checkRateLimit(method, channel, now);
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
      return { kind: 'fail', delayMs: 0, status: 429, retryAfter, error: undefined };
    }
    recent.push(now);
    active.hits.set(key, recent);
    return { kind: 'none' };
  }
}
