// `/okr digest preview`: the digest exactly as the channel would get it, sent privately to the requester's DM
// (top message, thread replies, chart). A preview records nothing and counts for no period.
import type { WebClient } from '@slack/web-api';
import type { ComposedDigest } from '../../services/digests.ts';
import { digestThreadMessage, digestTopMessage } from '../views/digest.ts';
import { fitMessage } from '../views/fit.ts';
import { digestChartFile } from './render.ts';
import { uploadImage } from './upload-image.ts';

export async function sendDigestPreview(
  client: WebClient,
  userId: string,
  digest: ComposedDigest,
): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('conversations.open gave no DM channel');
  const top = await client.chat.postMessage({ channel, ...fitMessage(digestTopMessage(digest.posts.top)) });
  const threadTs = top.ts;
  for (const page of digest.posts.thread) {
    await client.chat.postMessage({ channel, thread_ts: threadTs, ...fitMessage(digestThreadMessage(page)) });
  }
  const chart = digestChartFile(digest.model.chart, digest.period);
  await uploadImage(client, { channel, threadTs, ...chart });
}
