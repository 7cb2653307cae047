import { type ApiReply, type DoubleContext, slackError } from '../context.ts';
import { argBoolean, argString, type Dict } from '../dict.ts';

/** conversations.info: a channel as the bot sees it (needs channels:read / groups:read in Slack). */
export function conversationsInfo(args: Dict, ctx: DoubleContext): ApiReply {
  const found = ctx.channels.info(argString(args, 'channel'));
  if (!found.ok) return slackError(found.error);
  const { channel } = found;
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: !channel.isPrivate,
      is_group: false,
      is_im: false,
      is_private: channel.isPrivate ?? false,
      is_archived: channel.isArchived ?? false,
      is_member: channel.isMember ?? true,
      created: Math.floor(ctx.now() / 1000),
    },
  };
}

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
