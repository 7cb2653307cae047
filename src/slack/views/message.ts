// The shape of every message Okra sends: blocks plus the plain-text notification fallback Slack requires.
import type { KnownBlock } from '@slack/types';
import { MAX_SECTION_TEXT } from '../limits.ts';
import { type Mrkdwn, md } from '../mrkdwn.ts';

/**
 * A message as Okra builds it. The notification fallback is `Mrkdwn`, so it can only come from the escaping
 * template (`md`), never from a raw string: user text cannot reach a notification unescaped.
 * `toWire` / `fitMessage` turn it into what the Web API takes, at the moment it is sent.
 */
export interface SlackMessage {
  text: Mrkdwn;
  blocks?: KnownBlock[];
}

/** What goes to `chat.postMessage`, `chat.update` or `respond`: the fallback as Slack's string. */
export type WireMessage = {
  text: string;
  blocks?: KnownBlock[];
};

export const toWire = (message: SlackMessage): WireMessage => ({
  ...message,
  text: message.text.text,
});

/** Slack shows the fallback in notifications; it is mrkdwn too, so it comes from the same escaped content. */
const FALLBACK_MAX = 3000;
/** Slack's limit for a context block's text element. */
const MAX_CONTEXT_TEXT = 2000;

/** A mrkdwn section block; the text is cut to Slack's 3000-character limit. */
export const sectionBlock = (text: Mrkdwn): KnownBlock => ({
  type: 'section',
  text: mrkdwnElement(text, MAX_SECTION_TEXT),
});

/** A mrkdwn text object (a context element), cut to `max` characters. */
export const mrkdwnElement = (text: Mrkdwn, max = MAX_CONTEXT_TEXT): { type: 'mrkdwn'; text: string } => ({
  type: 'mrkdwn',
  text: md.truncate(text, max).text,
});

/** A context block of one mrkdwn element. */
export const contextBlock = (text: Mrkdwn): KnownBlock => ({
  type: 'context',
  elements: [mrkdwnElement(text)],
});

/** A message of mrkdwn sections whose notification fallback is the first section (or the one given). */
export function sectionsMessage(
  sections: readonly Mrkdwn[],
  options: { fallback?: Mrkdwn; extraBlocks?: readonly KnownBlock[] } = {},
): SlackMessage {
  const fallback = options.fallback ?? sections[0] ?? md``;
  return {
    text: md.truncate(fallback, FALLBACK_MAX),
    blocks: [...sections.map(sectionBlock), ...(options.extraBlocks ?? [])],
  };
}

/** A short answer with no blocks: the fallback is the whole message. */
export const textMessage = (text: Mrkdwn): SlackMessage => ({ text: md.truncate(text, FALLBACK_MAX) });
