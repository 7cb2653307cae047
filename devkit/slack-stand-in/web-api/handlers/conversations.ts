import { type ApiReply, type DoubleContext, slackError } from '../context.ts';
import { argBoolean, argNumber, argString, type Dict } from '../dict.ts';
import { slackMessageOf } from './chat.ts';

/** conversations.open: the DM with one person (always the same `D…` id) or a group DM. */
export function conversationsOpen(args: Dict, ctx: DoubleContext): ApiReply {
  const channelArg = argString(args, 'channel');
  const usersArg = argString(args, 'users');
  if (!channelArg && !usersArg) return slackError('users_list_not_supplied');
  if (channelArg) {
    const user = ctx.channels.userOfDm(channelArg);
    if (!user) return slackError('channel_not_found');
    return imReply(channelArg, user, true, argBoolean(args, 'return_im'), ctx);
  }
  const userIds = (usersArg ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (userIds.length > 8) return slackError('too_many_users');
  for (const id of userIds) {
    const user = ctx.users.get(id);
    if (!user) return slackError('user_not_found');
    if (user.deleted) return slackError('user_disabled');
  }
  const [only] = userIds;
  if (userIds.length === 1 && only) {
    const alreadyOpen = ctx.channels.userOfDm(`D${only.slice(1)}`) !== undefined;
    const dm = ctx.channels.dmFor(only);
    return imReply(dm, only, alreadyOpen, argBoolean(args, 'return_im'), ctx);
  }
  return { ok: true, channel: { id: ctx.channels.groupDmFor(userIds) } };
}

function imReply(
  dm: string,
  userId: string,
  alreadyOpen: boolean,
  full: boolean,
  ctx: DoubleContext,
): ApiReply {
  if (!full)
    return alreadyOpen
      ? { ok: true, no_op: true, already_open: true, channel: { id: dm } }
      : { ok: true, channel: { id: dm } };
  return {
    ok: true,
    ...(alreadyOpen ? { no_op: true, already_open: true } : {}),
    channel: {
      id: dm,
      created: Math.floor(ctx.now() / 1000),
      is_im: true,
      is_org_shared: false,
      user: userId,
      last_read: '0000000000.000000',
      latest: null,
      unread_count: 0,
      unread_count_display: 0,
      is_open: true,
      priority: 0,
    },
  };
}

/**
 * conversations.info for channels the test added: Slack's shape, with `is_member` and `is_archived`
 * telling whether the bot can post (and upload) there. Private channels the bot is not in do not exist for it.
 */
export function conversationsInfo(args: Dict, ctx: DoubleContext): ApiReply {
  const id = argString(args, 'channel');
  if (!id) return slackError('channel_not_found');
  const user = ctx.channels.userOfDm(id);
  if (user) return { ok: true, channel: { id, is_im: true, is_channel: false, user, is_archived: false } };
  const channel = ctx.channels.get(id);
  if (!channel || (channel.isPrivate && !channel.isMember)) return slackError('channel_not_found');
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      is_channel: !channel.isPrivate,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: Boolean(channel.isPrivate),
      is_archived: Boolean(channel.isArchived),
      is_general: false,
      is_member: Boolean(channel.isMember),
      created: Math.floor(ctx.now() / 1000),
      context_team_id: ctx.identity.teamId,
    },
  };
}

/**
 * conversations.history: newest first, `limit` per page (default 100, at most 999) with a cursor. Message
 * metadata is only shown with `include_all_metadata`, as in Slack. The bot reads DMs it has (im:history)
 * and channels it is a member of; elsewhere `not_in_channel` or `channel_not_found`.
 */
export function conversationsHistory(args: Dict, ctx: DoubleContext): ApiReply {
  const channelArg = argString(args, 'channel');
  if (!channelArg) return slackError('channel_not_found');
  let channel: string;
  if (channelArg.startsWith('D')) {
    if (!ctx.channels.userOfDm(channelArg)) return slackError('channel_not_found');
    channel = channelArg;
  } else {
    const spec = ctx.channels.get(channelArg);
    if (!spec || (spec.isPrivate && !spec.isMember)) return slackError('channel_not_found');
    if (!spec.isMember) return slackError('not_in_channel');
    channel = spec.id;
  }
  const limit = Math.min(Math.max(argNumber(args, 'limit') ?? 100, 1), 999);
  const offset = Number(argString(args, 'cursor')?.replace(/^next:/, '') ?? '0') || 0;
  const withMetadata = argBoolean(args, 'include_all_metadata');
  const newestFirst = ctx.messages
    .all()
    .filter((m) => m.channel === channel && !m.ephemeral && !m.deleted && m.threadTs === undefined)
    .reverse();
  const page = newestFirst.slice(offset, offset + limit);
  const hasMore = offset + limit < newestFirst.length;
  return {
    ok: true,
    messages: page.map((message) => {
      const shown = slackMessageOf(message, ctx);
      if (!withMetadata) delete shown['metadata'];
      return shown;
    }),
    has_more: hasMore,
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
    ...(hasMore ? { response_metadata: { next_cursor: `next:${offset + limit}` } } : {}),
  };
}
