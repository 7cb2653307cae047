// Slack's external upload flow for one image: ask for an upload URL (with the alt text Slack shows to screen
// readers), POST the bytes there, then complete the upload into a channel, in a thread when given.
import type { WebClient } from '@slack/web-api';

export interface ImageUpload {
  channel: string;
  threadTs?: string | undefined;
  filename: string;
  title: string;
  altText: string;
  bytes: Buffer;
}

/** Slack documents alt text up to 1,000 characters for uploaded images. */
const MAX_ALT_TEXT = 1000;

export async function uploadImage(client: WebClient, upload: ImageUpload): Promise<{ fileId: string }> {
  const target = await client.files.getUploadURLExternal({
    filename: upload.filename,
    length: upload.bytes.length,
    alt_txt: upload.altText.slice(0, MAX_ALT_TEXT),
  } as Parameters<WebClient['files']['getUploadURLExternal']>[0]);
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal gave no upload URL');
  const posted = await fetch(target.upload_url, { method: 'POST', body: new Uint8Array(upload.bytes) });
  if (!posted.ok) throw new Error(`uploading ${upload.filename} failed with HTTP ${posted.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: upload.title }],
    channel_id: upload.channel,
    ...(upload.threadTs ? { thread_ts: upload.threadTs } : {}),
  });
  return { fileId: target.file_id };
}
