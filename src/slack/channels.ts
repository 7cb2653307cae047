// One check for a channel someone sets (the PMO channel, a team's channel): conversations.info, which
// needs channels:read / groups:read. Slack accepts the id of an archived channel or of a private one Okra
// is not in, and flags would then fail later with only a log line; this says how to fix it now instead.
import type { WebClient } from '@slack/web-api';

export type ChannelUse = 'post' | 'upload';
export type ChannelCheck = { ok: true; name?: string } | { ok: false; problem: string };

interface ChannelInfo {
  name?: string;
  is_private?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
}

/**
 * Whether Okra can use the channel: `post` messages (with chat:write.public a public channel need not be
 * joined) or `upload` files (which always needs membership).
 */
export async function checkChannel(
  client: WebClient,
  channelId: string,
  use: ChannelUse = 'post',
): Promise<ChannelCheck> {
  let channel: ChannelInfo | undefined;
  try {
    const answer = await client.conversations.info({ channel: channelId });
    channel = answer.channel as ChannelInfo | undefined;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found')
      return {
        ok: false,
        problem: `Okra cannot see channel ${channelId}: it no longer exists, or it is private and Okra is not in it. Type /invite @Okra in that channel, or pick another.`,
      };
    // Without the scope (an older install) or when Slack does not answer, the channel cannot be checked
    // now; it is not refused for that.
    return { ok: true };
  }
  const name = channel?.name ? `#${channel.name}` : `channel ${channelId}`;
  if (channel?.is_archived) return { ok: false, problem: `${name} is archived: pick a channel in use.` };
  if (use === 'upload' && channel?.is_member === false)
    return { ok: false, problem: `Okra is not in ${name}: type /invite @Okra there so it can post files.` };
  return channel?.name ? { ok: true, name: channel.name } : { ok: true };
}
