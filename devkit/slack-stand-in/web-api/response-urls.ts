/**
 * `response_url` endpoints on the double. Bolt's `respond()` POSTs JSON there; the double keeps
 * each post and, like Slack, refuses after 5 uses or 30 minutes.
 */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export interface ResponseUrlPost {
  url: string;
  body: Record<string, unknown>;
  at: number;
  /** What the double answered: posts over the limits or with bad content are refused. */
  accepted: boolean;
  error: string | undefined;
}

interface ResponseUrlRecord {
  url: string;
  createdAt: number;
  channelId: string | undefined;
  userId: string | undefined;
  uses: number;
}

export class ResponseUrlStore {
  private readonly urls = new Map<string, ResponseUrlRecord>();
  readonly posts: ResponseUrlPost[] = [];

  create(id: string, url: string, now: number, context: { channelId?: string; userId?: string }): void {
    this.urls.set(id, { url, createdAt: now, channelId: context.channelId, userId: context.userId, uses: 0 });
  }

  /** Counts a use; answers the Slack error name when the URL can no longer be used. */
  use(id: string, now: number): { ok: true; url: string } | { ok: false; error: string } {
    const record = this.urls.get(id);
    if (!record) return { ok: false, error: 'invalid_url' };
    if (now - record.createdAt > RESPONSE_URL_TTL_MS) return { ok: false, error: 'expired_url' };
    if (record.uses >= RESPONSE_URL_MAX_USES) return { ok: false, error: 'used_url' };
    record.uses += 1;
    return { ok: true, url: record.url };
  }

  postsTo(url: string): ResponseUrlPost[] {
    return this.posts.filter((post) => post.url === url);
  }

  clear(): void {
    this.urls.clear();
    this.posts.length = 0;
  }
}
