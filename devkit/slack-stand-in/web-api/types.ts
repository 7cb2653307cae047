/**
 * Public shapes of the Slack double.
 */
import type { ChannelSpec } from './channels.ts';
import type { Dict } from './dict.ts';
import type { FaultSpec, RandomFaultSpec, RateLimitSpec } from './faults.ts';
import type { StoredFile } from './files.ts';
import type { StoredMessage } from './messages.ts';
import type { ResponseUrlPost } from './response-urls.ts';
import type { SocketModeDouble } from './socket-mode.ts';
import type { UserSpec } from './users.ts';
import type { TriggerContext } from './views.ts';

export interface SlackDoubleOptions {
  /** The bot token the double accepts. Default `xoxb-test`. */
  botToken?: string;
  /** The app-level token the double accepts for Socket Mode. Default `xapp-test`. */
  appToken?: string;
  /** More tokens to accept (same identity), e.g. a user token. */
  extraTokens?: string[];
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** Refuse blocks sent without a `text` fallback (`no_text`). Default true. */
  strictTextFallback?: boolean;
  /**
   * The app holds `chat:write.public`: chat.postMessage reaches public channels the bot has not joined,
   * as Slack allows; file uploads and private channels still need membership. Default false.
   */
  chatWritePublic?: boolean;
  /** Seed DEFAULT_USERS, DEFAULT_CHANNELS, the bot user and Slackbot. Default true. */
  defaults?: boolean;
  users?: UserSpec[];
  channels?: ChannelSpec[];
  /** Time source in epoch ms; replace to test trigger expiry or rate windows without sleeping. */
  clock?: () => number;
  /** How long a trigger id stays usable. Default 3000 ms, as in Slack. */
  triggerTtlMs?: number;
}

export interface RecordedCall {
  method: string;
  /** Arguments with `blocks`, `view`, `files`… decoded to objects; the token is kept apart. */
  args: Dict;
  token: string | undefined;
  /** Arrival time, epoch ms, from the double's clock. */
  at: number;
  /** HTTP status answered (429 and 5xx come from injected faults or rate limits). */
  status: number;
  ok: boolean;
  error: string | undefined;
  /** The body answered (parsed JSON, or the text of a 5xx). */
  response: unknown;
  /** A message call carried blocks but no `text` notification fallback. */
  missingTextFallback: boolean;
  /** Which fault answered it: a scripted one (`failNext`), a random one (`failRandomly`), or a rate limit. */
  fault: 'scripted' | 'random' | 'rate_limit' | undefined;
  /**
   * The call came while a 429 this double answered for the same method (and channel, for a per-channel
   * limit) still asked to wait (its Retry-After had not passed): a client that ignored Slack's request.
   */
  duringRetryAfter: boolean;
}

export interface MessageQuery {
  includeDeleted?: boolean;
  /** Only replies in this thread (by parent ts); without it, all messages. */
  threadTs?: string;
}

export interface SlackDouble {
  /** Base URL for `new WebClient(token, { slackApiUrl })`, e.g. `http://127.0.0.1:PORT/api/`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT/`. */
  readonly origin: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;

  readonly calls: readonly RecordedCall[];
  callsTo(method: string): RecordedCall[];
  lastCallTo(method: string): RecordedCall | undefined;
  /** Forgets calls, messages, files, views, response_url posts and faults; keeps users and channels. */
  reset(): void;

  addUser(user: UserSpec): void;
  addChannel(channel: ChannelSpec): void;
  /** The stable `D…` id of the bot's DM with a user. */
  dmChannelOf(userId: string): string;

  /** Channel history, oldest first, without ephemeral messages. Accepts channel ids, names or user ids (their DM). */
  messagesIn(channel: string, query?: MessageQuery): StoredMessage[];
  /** Ephemeral messages shown to one person, optionally in one channel. */
  ephemeralsFor(userId: string, channel?: string): StoredMessage[];
  readonly messages: readonly StoredMessage[];
  readonly files: readonly StoredFile[];

  /** A trigger id valid once for `triggerTtlMs`; pass it in driver payloads and to views.open. */
  newTriggerId(context?: TriggerContext): string;
  /** All modal views currently open, root first. */
  readonly openViews: readonly Dict[];
  currentModal(userId?: string): Dict | undefined;
  /** Simulates the person closing a modal (its whole stack). */
  closeView(viewId: string): boolean;
  homeOf(userId: string): Dict | undefined;

  /** A response_url on the double; what the app POSTs there is kept in `responsesTo(url)`. */
  newResponseUrl(context?: { channelId?: string; userId?: string }): string;
  responsesTo(url: string): ResponseUrlPost[];
  readonly responseUrlPosts: readonly ResponseUrlPost[];

  /** Make the next call(s) to `method` (or `'*'`) fail or slow down. */
  failNext(method: string, fault?: FaultSpec): void;
  rateLimit(method: string, limit: RateLimitSpec): void;
  /** Fail a share of the calls to `method` at random (seeded, so a run can be repeated). */
  failRandomly(method: string, spec: RandomFaultSpec): void;
  clearFaults(): void;

  /** Socket Mode: open connections, and envelopes pushed to the app. */
  readonly socket: SocketModeDouble;

  /** Closes every Socket Mode connection, then the HTTP server. */
  close(): Promise<void>;
}
