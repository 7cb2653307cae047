/**
 * Putting user-written text into Slack messages safely.
 *
 * Slack's mrkdwn treats `<…>` as control sequences: `<!channel>` pings everyone, `<@U123>` mentions,
 * `<https://evil|Q3 report>` disguises a link. Any text that came from a person (objective titles,
 * comments, imported plans) must go through escapeMrkdwn before it lands in a mrkdwn field. Only the
 * three characters Slack documents are escaped; escaping more would show stray entities to readers.
 */

import { isSlackChannelId, isSlackUserId } from '../domain/slack-ids.ts';

const ELLIPSIS = '…';

/** Make user text inert in mrkdwn: no mentions, broadcasts or disguised links survive. */
export function escapeMrkdwn(userText: string): string {
  return userText.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}

/**
 * Text for plain_text fields (headers, buttons, modal titles). Slack does not interpret markup there,
 * so nothing is escaped; we only collapse whitespace that would render oddly and respect the limit.
 */
export function plain(userText: string, max?: number): string {
  const tidy = userText.replace(/\s+/g, ' ').trim();
  return max === undefined ? tidy : truncate(tidy, max);
}

/**
 * Shorten text to at most `max` UTF-16 code units (Slack counts characters this way), ending in "…".
 * Never leaves half an escape entity (`&am…`) or half a surrogate pair (a broken emoji) behind.
 */
export function truncate(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 0)
    throw new RangeError(`truncate: max must be a whole number ≥ 0, got ${max}`);
  if (text.length <= max) return text;
  if (max === 0) return '';
  let cut = max - ELLIPSIS.length;
  // A low surrogate at the cut means its high half would be orphaned; step back over the pair.
  if (cut > 0 && isLowSurrogate(text.charCodeAt(cut)) && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  // If an entity such as &amp; or &#128512; straddles the cut, drop it whole.
  const entityStart = text.lastIndexOf('&', cut - 1);
  if (entityStart !== -1) {
    const entity = /^&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/.exec(text.slice(entityStart));
    if (entity && entityStart + entity[0].length > cut) cut = entityStart;
  }
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** `<@U…>` mention; refuses anything that is not a user id so text can never smuggle `<!channel>` in. */
export function mention(userId: string): string {
  if (!isSlackUserId(userId)) throw new TypeError(`not a Slack user id: ${JSON.stringify(userId)}`);
  return `<@${userId}>`;
}

/** `<#C…>` channel link, with the same validation as mention. */
export function channelLink(channelId: string): string {
  if (!isSlackChannelId(channelId))
    throw new TypeError(`not a Slack channel id: ${JSON.stringify(channelId)}`);
  return `<#${channelId}>`;
}
