// Before a digest is set up for a channel: can Okra post there, and upload the chart there? Uploading needs
// the app to be a member even of a public channel, and nothing can be posted in an archived one, so both
// get a clear answer now instead of a failed delivery on Friday.
import type { WebClient } from '@slack/web-api';
import { channelLink } from '../text.ts';

export type ChannelCheck = { ok: true } | { ok: false; message: string };

export async function checkDigestChannel(client: WebClient, channelId: string): Promise<ChannelCheck> {
  const link = channelLink(channelId);
  try {
    const info = await client.conversations.info({ channel: channelId });
    const channel = info.channel;
    if (channel?.is_archived)
      return {
        ok: false,
        message: `${link} is archived, so no digest can be posted there. Pick another channel.`,
      };
    if (channel?.is_im) return { ok: true };
    if (!channel?.is_member)
      return {
        ok: false,
        message: `Okra is not in ${link}, and it must be to post the digest with its chart. Invite it there (type \`/invite @Okra\` in that channel), then try again.`,
      };
    return { ok: true };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found')
      return {
        ok: false,
        message: `Okra cannot see ${link}. If it is a private channel, invite Okra there first (\`/invite @Okra\`), then try again.`,
      };
    throw error;
  }
}
