/**
 * Conversations the bot can see: channels added by tests, DMs opened with users and group DMs.
 * Resolution mirrors Slack's posting rules so tests meet `channel_not_found`, `is_archived` and
 * `not_in_channel` exactly where production would.
 */
import type { UserDirectory } from './users.ts';

export interface ChannelSpec {
  id: string;
  name: string;
  /** Whether the bot has joined. Default true. */
  isMember?: boolean;
  isArchived?: boolean;
  isPrivate?: boolean;
}

export type Resolution = { ok: true; channel: string } | { ok: false; error: string };

export class ChannelDirectory {
  private readonly channels = new Map<string, ChannelSpec>();
  private readonly dmByUser = new Map<string, string>();
  private readonly userByDm = new Map<string, string>();
  private readonly groupDms = new Map<string, string[]>();

  constructor(private readonly users: UserDirectory) {}

  add(spec: ChannelSpec): void {
    this.channels.set(spec.id, { isMember: true, isArchived: false, isPrivate: false, ...spec });
  }

  get(id: string): ChannelSpec | undefined {
    return this.channels.get(id);
  }

  /** The DM with a user; the same id every time, like Slack. */
  dmFor(userId: string): string {
    let dm = this.dmByUser.get(userId);
    if (!dm) {
      dm = `D${userId.slice(1)}`;
      this.dmByUser.set(userId, dm);
      this.userByDm.set(dm, userId);
    }
    return dm;
  }

  userOfDm(dm: string): string | undefined {
    return this.userByDm.get(dm);
  }

  groupDmFor(userIds: string[]): string {
    const key = [...userIds].sort().join(',');
    for (const [id, members] of this.groupDms) if ([...members].sort().join(',') === key) return id;
    const id = `G${String(this.groupDms.size + 1).padStart(10, '0')}`;
    this.groupDms.set(id, userIds);
    return id;
  }

  /**
   * Resolves a `channel` argument for posting. A user id opens (or reuses) the DM, as Slack
   * does for chat.postMessage; `#name` and bare names are looked up among channels.
   */
  resolveForPosting(arg: string | undefined, options: { publicUnjoined?: boolean } = {}): Resolution {
    if (!arg) return { ok: false, error: 'channel_not_found' };
    if (/^[UW][A-Z0-9]+$/.test(arg)) {
      const user = this.users.get(arg);
      if (!user) return { ok: false, error: 'channel_not_found' };
      // A DM with a deactivated person is archived in Slack.
      if (user.deleted) return { ok: false, error: 'is_archived' };
      return { ok: true, channel: this.dmFor(arg) };
    }
    if (arg.startsWith('D')) {
      const user = this.userByDm.get(arg);
      if (!user) return { ok: false, error: 'channel_not_found' };
      return this.users.get(user)?.deleted ? { ok: false, error: 'is_archived' } : { ok: true, channel: arg };
    }
    if (this.groupDms.has(arg)) return { ok: true, channel: arg };
    const channel = this.channels.get(arg) ?? this.byName(arg.replace(/^#/, ''));
    if (!channel) return { ok: false, error: 'channel_not_found' };
    // Private channels the bot is not in are invisible to it.
    if (channel.isPrivate && !channel.isMember) return { ok: false, error: 'channel_not_found' };
    if (channel.isArchived) return { ok: false, error: 'is_archived' };
    // With chat:write.public, Slack lets a message (not a file) into a public channel the bot has not joined.
    if (!channel.isMember && !(options.publicUnjoined && !channel.isPrivate))
      return { ok: false, error: 'not_in_channel' };
    return { ok: true, channel: channel.id };
  }

  /** What conversations.info tells the bot about a channel, or the error Slack gives. */
  info(id: string | undefined): { ok: true; channel: ChannelSpec } | { ok: false; error: string } {
    const channel = id ? this.channels.get(id) : undefined;
    // Private channels the bot is not in are invisible to it, as if they did not exist.
    if (!channel || (channel.isPrivate && !channel.isMember))
      return { ok: false, error: 'channel_not_found' };
    return { ok: true, channel };
  }

  /** Lenient lookup for reading history: accepts ids, names and user ids (their DM). */
  canonicalId(arg: string): string {
    if (/^[UW][A-Z0-9]+$/.test(arg) && this.users.get(arg)) return this.dmFor(arg);
    return this.byName(arg.replace(/^#/, ''))?.id ?? arg;
  }

  private byName(name: string): ChannelSpec | undefined {
    for (const channel of this.channels.values()) if (channel.name === name) return channel;
    return undefined;
  }
}
