/**
 * chat.postMessage, chat.postEphemeral, chat.update and chat.delete.
 */
import { type ApiReply, type DoubleContext, slackError } from '../context.ts';
import { argString, type Dict } from '../dict.ts';
import { type ContentCheck, checkMessageContent } from '../message-content.ts';
import type { StoredMessage } from '../messages.ts';

type AcceptedContent = Extract<ContentCheck, { ok: true }>;

function contentOrError(args: Dict, ctx: DoubleContext): { content: AcceptedContent } | { reply: ApiReply } {
  const content = checkMessageContent(args, ctx.strictTextFallback);
  if (!content.ok) return { reply: slackError(content.error, content.messages) };
  return { content };
}

/** Lenient mode still tells the app, as Slack's own warning does. */
function withFallbackWarning(reply: ApiReply, content: AcceptedContent): ApiReply {
  if (!content.missingTextFallback) return reply;
  return {
    ...reply,
    warning: 'missing_text_in_blocks',
    response_metadata: { warnings: ['missing_text_in_blocks'] },
  };
}

/** The message object Slack echoes back for a bot post. */
export function slackMessageOf(message: StoredMessage, ctx: DoubleContext): Dict {
  const out: Dict = {
    type: 'message',
    user: ctx.identity.botUserId,
    bot_id: ctx.identity.botId,
    app_id: ctx.identity.appId,
    team: ctx.identity.teamId,
    text: message.text ?? '',
    ts: message.ts,
  };
  if (message.blocks) out['blocks'] = message.blocks;
  if (message.attachments !== undefined) out['attachments'] = message.attachments;
  if (message.threadTs) out['thread_ts'] = message.threadTs;
  if (message.metadata !== undefined) out['metadata'] = message.metadata;
  if (message.editedTs) out['edited'] = { user: ctx.identity.botUserId, ts: message.editedTs };
  return out;
}

function newMessage(
  ctx: DoubleContext,
  channel: string,
  args: Dict,
  content: AcceptedContent,
): StoredMessage {
  return {
    channel,
    ts: ctx.timestamps.next(ctx.now()),
    text: content.text,
    blocks: content.blocks,
    attachments: args['attachments'],
    threadTs: argString(args, 'thread_ts'),
    metadata: args['metadata'],
    ephemeral: false,
    user: undefined,
    missingTextFallback: content.missingTextFallback,
    editedTs: undefined,
    deleted: false,
    history: [{ text: content.text, blocks: content.blocks, at: ctx.now() }],
  };
}

export function postMessage(args: Dict, ctx: DoubleContext): ApiReply {
  const target = ctx.channels.resolveForPosting(argString(args, 'channel'), {
    publicUnjoined: ctx.chatWritePublic,
  });
  if (!target.ok) return slackError(target.error);
  const checked = contentOrError(args, ctx);
  if ('reply' in checked) return checked.reply;
  const { content } = checked;
  const message = newMessage(ctx, target.channel, args, content);
  ctx.messages.add(message);
  return withFallbackWarning(
    { ok: true, channel: message.channel, ts: message.ts, message: slackMessageOf(message, ctx) },
    content,
  );
}

export function postEphemeral(args: Dict, ctx: DoubleContext): ApiReply {
  const target = ctx.channels.resolveForPosting(argString(args, 'channel'));
  if (!target.ok) return slackError(target.error);
  const userId = argString(args, 'user');
  const user = userId ? ctx.users.get(userId) : undefined;
  if (!userId || !user || user.deleted) return slackError('user_not_in_channel');
  const checked = contentOrError(args, ctx);
  if ('reply' in checked) return checked.reply;
  const { content } = checked;
  const message = { ...newMessage(ctx, target.channel, args, content), ephemeral: true, user: userId };
  ctx.messages.add(message);
  return withFallbackWarning({ ok: true, message_ts: message.ts }, content);
}

export function update(args: Dict, ctx: DoubleContext): ApiReply {
  const target = ctx.channels.resolveForPosting(argString(args, 'channel'));
  // chat.update names an archived conversation differently from posting.
  if (!target.ok) return slackError(target.error === 'is_archived' ? 'is_inactive' : target.error);
  const ts = argString(args, 'ts');
  const message = ts ? ctx.messages.find(target.channel, ts) : undefined;
  if (!message) return slackError('message_not_found');
  const checked = contentOrError(args, ctx);
  if ('reply' in checked) return checked.reply;
  const { content } = checked;
  // Slack keeps the previous blocks when an update leaves `blocks` out.
  message.text = content.text;
  if (args['blocks'] !== undefined) message.blocks = content.blocks;
  if (args['attachments'] !== undefined) message.attachments = args['attachments'];
  message.missingTextFallback = content.missingTextFallback;
  message.editedTs = ctx.timestamps.next(ctx.now());
  message.history.push({ text: message.text, blocks: message.blocks, at: ctx.now() });
  const echoed = slackMessageOf(message, ctx);
  return withFallbackWarning(
    { ok: true, channel: message.channel, ts: message.ts, text: message.text ?? '', message: echoed },
    content,
  );
}

export function remove(args: Dict, ctx: DoubleContext): ApiReply {
  const target = ctx.channels.resolveForPosting(argString(args, 'channel'));
  if (!target.ok) return slackError(target.error === 'is_archived' ? 'channel_not_found' : target.error);
  const ts = argString(args, 'ts');
  const message = ts ? ctx.messages.find(target.channel, ts) : undefined;
  if (!message) return slackError('message_not_found');
  message.deleted = true;
  return { ok: true, channel: message.channel, ts: message.ts };
}
