/**
 * Block Kit limits (https://api.slack.com/reference/block-kit). Slack rejects the whole payload with
 * `invalid_blocks` when one is exceeded, so builders clamp or paginate against these names instead of
 * sprinkling magic numbers.
 */
import { truncate } from './text.ts';

export const MAX_BLOCKS_PER_MESSAGE = 50;
export const MAX_BLOCKS_PER_VIEW = 100;
export const MAX_MESSAGE_TEXT = 40_000;
/** Slack truncates or rejects messages whose blocks carry much more text than this in total. */
export const MAX_TOTAL_BLOCK_TEXT = 12_000;

export const MAX_SECTION_TEXT = 3000;
export const MAX_SECTION_FIELDS = 10;
export const MAX_SECTION_FIELD_TEXT = 2000;
export const MAX_HEADER_TEXT = 150;
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_ACTIONS_ELEMENTS = 25;

export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_ACTION_ID = 255;
export const MAX_BLOCK_ID = 255;
export const MAX_OPTION_TEXT = 75;
export const MAX_OPTION_VALUE = 150;
export const MAX_STATIC_SELECT_OPTIONS = 100;
export const MAX_PLACEHOLDER_TEXT = 150;
export const MAX_PLAIN_TEXT_INPUT_LENGTH = 3000;

export const MAX_MODAL_TITLE = 24;
export const MAX_MODAL_SUBMIT = 24;
export const MAX_MODAL_CLOSE = 24;
export const MAX_PRIVATE_METADATA = 3000;

/** Keep section text under the limit; pass text that is already escaped so no entity is cut. */
export function clampSectionText(mrkdwn: string): string {
  return truncate(mrkdwn, MAX_SECTION_TEXT);
}

export function clampHeaderText(text: string): string {
  return truncate(text, MAX_HEADER_TEXT);
}

/** Split a list into pages of `pageSize`; an empty list gives no pages. */
export function paginate<T>(items: readonly T[], pageSize: number): T[][] {
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError(`page size must be ≥ 1, got ${pageSize}`);
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += pageSize) pages.push(items.slice(i, i + pageSize));
  return pages;
}

/**
 * Spread blocks over several messages of at most `max` blocks each (default: one message's limit),
 * e.g. for a digest listing 80 objectives. Order is preserved.
 */
export function chunkBlocks<B>(blocks: readonly B[], max: number = MAX_BLOCKS_PER_MESSAGE): B[][] {
  if (max > MAX_BLOCKS_PER_VIEW)
    throw new RangeError(`no Slack surface takes more than ${MAX_BLOCKS_PER_VIEW} blocks`);
  return paginate(blocks, max);
}
