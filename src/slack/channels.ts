// One check for a channel someone sets (the PMO channel, a team's channel, a digest's channel):
// conversations.info, which needs channels:read / groups:read. Slack accepts the id of an archived channel
// or of a private one Okra is not in, and sends would then fail later with only a log line; this says how
// to fix it now instead.
import type { WebClient } from '@slack/web-api';
import { type Mrkdwn, md } from './mrkdwn.ts';

/**
 * `post`: messages only (with chat:write.public a public channel need not be joined).
 * `digest`: messages and the chart's upload, which needs membership even in a public channel.
 */
export type ChannelUse = 'post' | 'digest';
/** `problem` is plain text (a form field's error); `reply` is the same sentence as mrkdwn, with a channel link. */
export type ChannelCheck = { ok: true; name?: string } | { ok: false; problem: string; reply: Mrkdwn };

interface ChannelInfo {
  name?: string;
  is_im?: boolean;
  is_private?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
}

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
    if (code === 'channel_not_found') return failed(PROBLEMS[use].unseen(channelId));
    // Without the scope (an older install) or when Slack does not answer, the channel cannot be checked
    // now; it is not refused for that.
    return { ok: true };
  }
  if (channel?.is_im) return { ok: true };
  if (channel?.is_archived) return failed(PROBLEMS[use].archived(channelId, channel.name));
  if (use === 'digest' && channel?.is_member === false)
    return failed(PROBLEMS[use].notMember(channelId, channel.name));
  return channel?.name ? { ok: true, name: channel.name } : { ok: true };
}

type Wording = Record<
  'unseen' | 'archived' | 'notMember',
  (channelId: string, name?: string | undefined) => { plain: string; reply: Mrkdwn }
>;
const failed = (wording: { plain: string; reply: Mrkdwn }): ChannelCheck => ({
  ok: false,
  problem: wording.plain,
  reply: wording.reply,
});
/** A sentence without a link: the plain text and the reply are the same words (the reply escaped). */
const same = (plain: string) => ({ plain, reply: md`${plain}` });
/** A sentence naming the channel: a link in the reply, "that channel" in plain text. */
const linked = (channelId: string, words: (where: Mrkdwn) => Mrkdwn) => ({
  // The words are our literal text around "that channel", so the mrkdwn holds no escaped user text.
  plain: words(md`that channel`).text,
  reply: words(md.channel(channelId)),
});
const named = (channelId: string, name: string | undefined) => (name ? `#${name}` : `channel ${channelId}`);

const PROBLEMS: Record<ChannelUse, Wording> = {
  post: {
    unseen: (id) =>
      same(
        `Okra cannot see channel ${id}: it no longer exists, or it is private and Okra is not in it. Type /invite @Okra in that channel, or pick another.`,
      ),
    archived: (id, name) => same(`${named(id, name)} is archived: pick a channel in use.`),
    notMember: (id, name) =>
      same(`Okra is not in ${named(id, name)}: type /invite @Okra there so it can post files.`),
  },
  digest: {
    unseen: (id) =>
      linked(
        id,
        (where) =>
          md`Okra cannot see ${where}. If it is a private channel, invite Okra there first (\`/invite @Okra\`), then try again.`,
      ),
    archived: (id) =>
      linked(
        id,
        (where) => md`${where} is archived, so no digest can be posted there. Pick another channel.`,
      ),
    notMember: (id) =>
      linked(
        id,
        (where) =>
          md`Okra is not in ${where}, and it must be to post the digest with its chart. Invite it there (type \`/invite @Okra\` in that channel), then try again.`,
      ),
  },
};
