/**
 * Checks the `text`/`blocks` pair of a message (chat.postMessage, chat.postEphemeral, chat.update,
 * response_url posts) the way Slack does, plus one project rule: blocks without a `text`
 * notification fallback are refused in strict mode, because notifications and screen readers
 * then show nothing useful.
 */
import { LIMITS } from './block-kit-limits.ts';
import { formatIssue, validateBlocks } from './block-kit-validation.ts';
import type { Dict } from './dict.ts';

export type ContentCheck =
  | { ok: true; text: string | undefined; blocks: unknown[] | undefined; missingTextFallback: boolean }
  | { ok: false; error: string; messages: string[]; missingTextFallback: boolean };

export const STRICT_FALLBACK_MESSAGE =
  '[ERROR] blocks were sent without `text`: Slack accepts this with a warning, but notifications ' +
  'and screen readers get no fallback (test double strict mode) [json-pointer:/text]';

export function checkMessageContent(args: Dict, strictTextFallback: boolean): ContentCheck {
  const rawText = args['text'];
  const text = typeof rawText === 'string' ? rawText : undefined;
  const hasText = text !== undefined && text.trim() !== '';
  const rawBlocks = args['blocks'];
  const hasBlocksArg = rawBlocks !== undefined && rawBlocks !== null && rawBlocks !== '';
  const failure = (error: string, messages: string[] = [], missingTextFallback = false): ContentCheck => ({
    ok: false,
    error,
    messages,
    missingTextFallback,
  });

  let blocks: unknown[] | undefined;
  if (hasBlocksArg) {
    // The request parser leaves `blocks` as a string only when it was not valid JSON.
    if (!Array.isArray(rawBlocks)) return failure('invalid_blocks_format');
    blocks = rawBlocks;
    const report = validateBlocks(blocks, 'message', '/blocks');
    if (report.issues.length > 0) return failure('invalid_blocks', report.issues.map(formatIssue));
    if (report.totalTextLength > LIMITS.messageBlocksText) return failure('msg_blocks_too_long');
  }
  const hasBlocks = blocks !== undefined && blocks.length > 0;
  if (!hasText && !hasBlocks) return failure('no_text');
  if (text !== undefined && text.length > LIMITS.messageText) return failure('msg_too_long');
  const missingTextFallback = hasBlocks && !hasText;
  if (missingTextFallback && strictTextFallback) return failure('no_text', [STRICT_FALLBACK_MESSAGE], true);
  return { ok: true, text: hasText ? text : undefined, blocks, missingTextFallback };
}
