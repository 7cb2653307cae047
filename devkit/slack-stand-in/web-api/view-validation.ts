/**
 * Validation of a `view` argument (modal or Home tab). Slack reports view problems as
 * `invalid_arguments` with json-pointers under `/view`, and an oversized view as `view_too_large`.
 */
import { LIMITS } from './block-kit-limits.ts';
import { formatIssue, validateBlocks } from './block-kit-validation.ts';
import { byteLength, type Dict, isDict } from './dict.ts';

export type ViewKind = 'modal' | 'home';

export type ViewCheck =
  | { ok: true; view: Dict; kind: ViewKind }
  | { ok: false; error: 'invalid_arguments' | 'view_too_large'; messages: string[] };

function invalid(messages: string[]): ViewCheck {
  return { ok: false, error: 'invalid_arguments', messages };
}

/** `allowed` lists the view types the calling method accepts (views.publish only takes `home`). */
export function checkView(view: unknown, allowed: readonly ViewKind[]): ViewCheck {
  if (!isDict(view)) {
    return invalid(['[ERROR] failed to match all allowed schemas [json-pointer:/view]']);
  }
  if (byteLength(view) > LIMITS.viewBytes) {
    return { ok: false, error: 'view_too_large', messages: [] };
  }
  const type = view['type'];
  if (typeof type !== 'string' || !(allowed as readonly string[]).includes(type)) {
    return invalid([`[ERROR] must be one of [${allowed.join(', ')}] [json-pointer:/view/type]`]);
  }
  const kind = type as ViewKind;
  const messages: string[] = [];
  const plainLabel = (key: string, max: number, required: boolean): void => {
    const value = view[key];
    if (value === undefined || value === null) {
      if (required) messages.push(`[ERROR] missing required field: ${key} [json-pointer:/view]`);
      return;
    }
    if (!isDict(value) || value['type'] !== 'plain_text' || typeof value['text'] !== 'string') {
      messages.push(`[ERROR] must be a plain_text object [json-pointer:/view/${key}]`);
      return;
    }
    const text = value['text'];
    if (text.length > max)
      messages.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:/view/${key}/text]`);
    if (text.length === 0)
      messages.push(`[ERROR] must be more than 0 characters [json-pointer:/view/${key}/text]`);
  };
  const rawLimit = (key: string, max: number): void => {
    const value = view[key];
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') messages.push(`[ERROR] must be a string [json-pointer:/view/${key}]`);
    else if (value.length > max)
      messages.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:/view/${key}]`);
  };

  if (kind === 'modal') {
    plainLabel('title', LIMITS.viewTitle, true);
    plainLabel('submit', LIMITS.viewSubmit, false);
    plainLabel('close', LIMITS.viewClose, false);
    const blocks = view['blocks'];
    const hasInput = Array.isArray(blocks) && blocks.some((b) => isDict(b) && b['type'] === 'input');
    // Slack refuses a modal whose inputs could never be submitted.
    if (hasInput && view['submit'] === undefined) {
      messages.push(
        '[ERROR] missing required field: submit (required when input blocks are present) [json-pointer:/view]',
      );
    }
  }
  rawLimit('private_metadata', LIMITS.privateMetadata);
  rawLimit('callback_id', LIMITS.callbackId);
  rawLimit('external_id', LIMITS.externalId);

  if (view['blocks'] === undefined) {
    messages.push('[ERROR] missing required field: blocks [json-pointer:/view]');
  } else {
    const report = validateBlocks(view['blocks'], kind, '/view/blocks');
    messages.push(...report.issues.map(formatIssue));
  }
  return messages.length > 0 ? invalid(messages) : { ok: true, view, kind };
}
