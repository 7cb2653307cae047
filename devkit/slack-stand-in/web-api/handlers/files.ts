/**
 * files.getUploadURLExternal and files.completeUploadExternal. The upload URL points back at the
 * double (see server.ts), which stores the POSTed bytes on the file.
 */
import { type ApiReply, type DoubleContext, slackError } from '../context.ts';
import { argNumber, argString, type Dict, isDict } from '../dict.ts';

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  svg: 'image/svg+xml',
  csv: 'text/csv',
  txt: 'text/plain',
  pdf: 'application/pdf',
  json: 'application/json',
};

export function getUploadUrlExternal(args: Dict, ctx: DoubleContext): ApiReply {
  const filename = argString(args, 'filename');
  const length = argNumber(args, 'length');
  if (!filename) return slackError('invalid_arguments', ['[ERROR] missing required field: filename']);
  if (length === undefined || !Number.isInteger(length) || length < 1) {
    return slackError('invalid_arguments', [
      '[ERROR] length must be an integer of at least 1 [json-pointer:/length]',
    ]);
  }
  const id = ctx.ids.next('F');
  const uploadUrl = `${ctx.origin()}upload/v1/${id}`;
  ctx.files.add({
    id,
    filename,
    length,
    uploadUrl,
    content: undefined,
    completed: false,
    title: undefined,
    altText: argString(args, 'alt_txt') ?? argString(args, 'alt_text'),
    snippetType: argString(args, 'snippet_type'),
    channelId: undefined,
    initialComment: undefined,
    threadTs: undefined,
  });
  return { ok: true, upload_url: uploadUrl, file_id: id };
}

export function completeUploadExternal(args: Dict, ctx: DoubleContext): ApiReply {
  const files = args['files'];
  if (!Array.isArray(files) || files.length === 0) {
    return slackError('invalid_arguments', ['[ERROR] missing required field: files']);
  }
  const channelArg = argString(args, 'channel_id') ?? argString(args, 'channels');
  let channelId: string | undefined;
  if (channelArg) {
    // Only the first of a comma-separated `channels` list is tracked; Okra shares to one place.
    const target = ctx.channels.resolveForPosting(channelArg.split(',')[0]?.trim());
    if (!target.ok) return slackError(target.error);
    channelId = target.channel;
  }
  const entries: Array<{ id: string; title: string | undefined }> = [];
  for (const entry of files) {
    if (!isDict(entry) || typeof entry['id'] !== 'string') {
      return slackError('invalid_arguments', ['[ERROR] each file needs an id [json-pointer:/files]']);
    }
    const file = ctx.files.get(entry['id']);
    if (!file) return slackError('file_not_found');
    if (!file.content) return slackError('file_not_found', [`[ERROR] no bytes were uploaded for ${file.id}`]);
    entries.push({ id: file.id, title: typeof entry['title'] === 'string' ? entry['title'] : undefined });
  }
  const created = Math.floor(ctx.now() / 1000);
  const answered = entries.map(({ id, title }) => {
    const file = ctx.files.get(id);
    if (!file) throw new Error(`file ${id} vanished`);
    file.completed = true;
    file.title = title ?? file.filename;
    file.channelId = channelId;
    file.initialComment = argString(args, 'initial_comment');
    file.threadTs = argString(args, 'thread_ts');
    const extension = file.filename.split('.').pop()?.toLowerCase() ?? '';
    return {
      id: file.id,
      created,
      timestamp: created,
      name: file.filename,
      title: file.title,
      mimetype: MIME_BY_EXTENSION[extension] ?? 'application/octet-stream',
      filetype: extension || 'binary',
      user: ctx.identity.botUserId,
      size: file.content?.length ?? 0,
      url_private: `${ctx.origin()}files-pri/${ctx.identity.teamId}-${file.id}/${file.filename}`,
      permalink: `https://${ctx.identity.teamDomain}.slack.com/files/${ctx.identity.botUserId}/${file.id}/${file.filename}`,
      channels: channelId?.startsWith('C') ? [channelId] : [],
      ims: channelId?.startsWith('D') ? [channelId] : [],
    };
  });
  return { ok: true, files: answered };
}
