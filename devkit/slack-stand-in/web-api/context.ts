/**
 * What every Web API method handler can reach: the double's identity and its in-memory stores.
 */
import type { ChannelDirectory } from './channels.ts';
import type { Dict } from './dict.ts';
import type { FileStore } from './files.ts';
import type { DoubleIdentity } from './identity.ts';
import type { IdFactory, TimestampFactory } from './ids.ts';
import type { MessageStore } from './messages.ts';
import type { ResponseUrlStore } from './response-urls.ts';
import type { SocketHub } from './socket-mode.ts';
import type { UserDirectory } from './users.ts';
import type { ViewStore } from './views.ts';

export interface DoubleContext {
  identity: DoubleIdentity;
  strictTextFallback: boolean;
  chatWritePublic: boolean;
  users: UserDirectory;
  channels: ChannelDirectory;
  messages: MessageStore;
  views: ViewStore;
  files: FileStore;
  responseUrls: ResponseUrlStore;
  sockets: SocketHub;
  ids: IdFactory;
  timestamps: TimestampFactory;
  now(): number;
  /** `http://127.0.0.1:PORT/`, for URLs the double hands out (uploads, response_url). */
  origin(): string;
}

/** A Web API answer body; always has `ok`. */
export type ApiReply = Dict & { ok: boolean };

export type MethodHandler = (args: Dict, ctx: DoubleContext) => ApiReply;

export function slackError(error: string, messages: string[] = [], extra: Dict = {}): ApiReply {
  const reply: ApiReply = { ok: false, error, ...extra };
  if (messages.length > 0) reply['response_metadata'] = { messages };
  return reply;
}
