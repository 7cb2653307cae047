import type { ApiReply, DoubleContext } from '../context.ts';

/**
 * apps.connections.open: the socket-mode client's first call, made with the app-level token (the
 * server checks the token type). Each call hands out a new single-use WebSocket URL.
 */
export function appsConnectionsOpen(_args: unknown, ctx: DoubleContext): ApiReply {
  return { ok: true, url: ctx.sockets.issueUrl() };
}
