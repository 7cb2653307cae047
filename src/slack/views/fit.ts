// The last check on a reply before it goes to Slack: whatever a person typed (and a reply may quote it),
// every text is cut to Slack's limit, so the reply arrives shortened rather than refused and unheard.
// Views clamp what they know they show; this catches what a quoted word can still push over.
import type { KnownBlock } from '@slack/types';
import {
  MAX_BLOCKS_PER_MESSAGE,
  MAX_HEADER_TEXT,
  MAX_MESSAGE_TEXT,
  MAX_SECTION_FIELD_TEXT,
  MAX_SECTION_TEXT,
  MAX_TOTAL_BLOCK_TEXT,
} from '../limits.ts';
import { truncate } from '../text.ts';
import type { SlackMessage, WireMessage } from './message.ts';

/** Context elements: Slack's limit for a text element there. */
const MAX_CONTEXT_TEXT = 2000;

type TextObject = { type: string; text: string };
const isText = (value: unknown): value is TextObject =>
  typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string';

/** Also the boundary where the typed message becomes the Web API's: returns the wire form. */
export function fitMessage(message: SlackMessage): WireMessage {
  const fitted: WireMessage = { ...message, text: truncate(message.text.text, MAX_MESSAGE_TEXT) };
  if (!message.blocks) return fitted;
  let budget = MAX_TOTAL_BLOCK_TEXT;
  const cut = (text: TextObject, max: number): TextObject => {
    const kept = truncate(text.text, Math.max(0, Math.min(max, budget)));
    budget -= kept.length;
    return { ...text, text: kept === '' ? '…' : kept };
  };
  const blocks: KnownBlock[] = [];
  for (const block of message.blocks.slice(0, MAX_BLOCKS_PER_MESSAGE)) {
    if (budget <= 0) break;
    const b = { ...block } as Record<string, unknown>;
    if (b.type === 'header' && isText(b.text)) b.text = cut(b.text, MAX_HEADER_TEXT);
    if (b.type === 'section') {
      if (isText(b.text)) b.text = cut(b.text, MAX_SECTION_TEXT);
      if (Array.isArray(b.fields))
        b.fields = b.fields.map((f) => (isText(f) ? cut(f, MAX_SECTION_FIELD_TEXT) : f));
    }
    if (b.type === 'context' && Array.isArray(b.elements))
      b.elements = b.elements.map((e) => (isText(e) ? cut(e, MAX_CONTEXT_TEXT) : e));
    blocks.push(b as unknown as KnownBlock);
  }
  return { ...fitted, blocks };
}
