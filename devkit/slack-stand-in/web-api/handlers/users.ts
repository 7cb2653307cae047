import { type ApiReply, type DoubleContext, slackError } from '../context.ts';
import { argBoolean, argNumber, argString, type Dict } from '../dict.ts';

export function usersInfo(args: Dict, ctx: DoubleContext): ApiReply {
  const id = argString(args, 'user');
  const user = id ? ctx.users.get(id) : undefined;
  if (!user) return slackError('user_not_found');
  return {
    ok: true,
    user: ctx.users.toSlack(
      user,
      ctx.identity.teamId,
      new Date(ctx.now()),
      argBoolean(args, 'include_locale'),
    ),
  };
}

/** Slack's cursors are opaque base64 of `user:<next id>`; the double uses the same scheme. */
function cursorFor(userId: string): string {
  return Buffer.from(`user:${userId}`).toString('base64');
}

function userIdFromCursor(cursor: string): string | undefined {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  return decoded.startsWith('user:') ? decoded.slice('user:'.length) : undefined;
}

/** users.list with cursor paging; without `limit` everything comes back in one page. */
export function usersList(args: Dict, ctx: DoubleContext): ApiReply {
  const all = ctx.users.all();
  const cursor = argString(args, 'cursor');
  let start = 0;
  if (cursor) {
    const fromId = userIdFromCursor(cursor);
    start = all.findIndex((user) => user.id === fromId);
    if (start < 0) return slackError('invalid_cursor');
  }
  const limit = argNumber(args, 'limit') ?? 0;
  const end = limit > 0 ? Math.min(all.length, start + limit) : all.length;
  const now = new Date(ctx.now());
  const includeLocale = argBoolean(args, 'include_locale');
  const next = all[end];
  return {
    ok: true,
    members: all
      .slice(start, end)
      .map((user) => ctx.users.toSlack(user, ctx.identity.teamId, now, includeLocale)),
    cache_ts: Math.floor(ctx.now() / 1000),
    response_metadata: { next_cursor: next ? cursorFor(next.id) : '' },
  };
}
