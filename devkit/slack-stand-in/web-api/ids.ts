/**
 * Deterministic id factory: ids depend only on call order within one double, so a failing test
 * prints the same ids on every run.
 */
export class IdFactory {
  private counter = 0;

  /** Slack-looking id such as `V0000000001`: a type letter and upper-case base-36 digits. */
  next(prefix: string): string {
    this.counter += 1;
    return prefix + this.counter.toString(36).toUpperCase().padStart(10, '0');
  }

  /** A random lower-case hex string, for values Slack makes unguessable (trigger ids, hashes). */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(Math.random() * 0xffffffff).toString(16);
    return out.slice(0, length);
  }
}

/**
 * Message timestamps: Slack's `ts` is `<unix seconds>.<6 digits>` and unique per channel.
 * A global sequence keeps them strictly increasing even within one millisecond.
 */
export class TimestampFactory {
  private lastSeconds = 0;
  private sequence = 0;

  next(nowMs: number): string {
    const seconds = Math.floor(nowMs / 1000);
    if (seconds > this.lastSeconds) {
      this.lastSeconds = seconds;
      this.sequence = 0;
    }
    this.sequence += 1;
    return `${this.lastSeconds}.${String(this.sequence).padStart(6, '0')}`;
  }
}
