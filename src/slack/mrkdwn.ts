/**
 * Mrkdwn that is safe by construction.
 *
 * A `Mrkdwn` value can only come from the `md` template tag (whose literal parts are ours and whose
 * interpolated strings are escaped and flattened to one line), from `md.user` / `md.channel` (validated
 * ids), or from `md.paragraph` (escaped user text whose line breaks are kept because the caller puts it
 * on lines of its own). Message builders take `Mrkdwn`, never `string`, so user text cannot reach a
 * block or a notification fallback without passing through here.
 *
 * Migration from text.ts: `escapeMrkdwn` and `mention` keep working for code that still builds strings.
 * To adopt: write `md\`*${ref}* ${title}\`` instead of `\`*${ref}* ${escapeMrkdwn(title)}\``, and
 * `md.user(id)` instead of `mention(id)`; a `Mrkdwn` may be placed inside an old template string (its
 * toString is its text), but not the other way round.
 */
import { isSlackChannelId, isSlackUserId } from '../domain/slack-ids.ts';
import { escapeMrkdwn, truncate } from './text.ts';

export class Mrkdwn {
  readonly #text: string;
  private constructor(text: string) {
    this.#text = text;
  }
  get text(): string {
    return this.#text;
  }
  get length(): number {
    return this.#text.length;
  }
  toString(): string {
    return this.#text;
  }
  /** A message that reaches JSON whole still carries its text (a private field alone would give `{}`). */
  toJSON(): string {
    return this.#text;
  }
  /** Only this module builds values; the factory keeps the constructor private to it. */
  static _of(text: string): Mrkdwn {
    return new Mrkdwn(text);
  }
}

/** What may be interpolated: our own mrkdwn as it is, anything else as escaped one-line text. */
export type MdValue = Mrkdwn | string | number;

/** User text on one line: `\n` (a slash command or a YAML file can carry one) would fake a line of its own. */
export function flatten(userText: string): string {
  return userText.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
}

function piece(value: MdValue): string {
  if (value instanceof Mrkdwn) return value.text;
  return escapeMrkdwn(flatten(String(value)));
}

/** The escaping template: `md\`*${ref}* ${title}\`` escapes `title` unless it is already Mrkdwn. */
export function md(literals: TemplateStringsArray, ...values: readonly MdValue[]): Mrkdwn {
  let text = literals[0] ?? '';
  values.forEach((value, index) => {
    text += piece(value) + (literals[index + 1] ?? '');
  });
  return Mrkdwn._of(text);
}

/** `<@U…>`: refuses anything that is not a user id, so text can never smuggle `<!channel>` in. */
md.user = (userId: string): Mrkdwn => {
  if (!isSlackUserId(userId)) throw new TypeError(`not a Slack user id: ${JSON.stringify(userId)}`);
  return Mrkdwn._of(`<@${userId}>`);
};

/** `<#C…>` channel link, validated like md.user. */
md.channel = (channelId: string): Mrkdwn => {
  if (!isSlackChannelId(channelId))
    throw new TypeError(`not a Slack channel id: ${JSON.stringify(channelId)}`);
  return Mrkdwn._of(`<#${channelId}>`);
};

/** `<!date^…|fallback>`: Slack shows the moment in the reader's time zone; the parts are ours, not user text. */
md.date = (seconds: number, format: string, fallback: string): Mrkdwn => {
  if (!Number.isInteger(seconds) || /[<>|&]/.test(format + fallback))
    throw new TypeError('md.date: a whole number of seconds and a format without markup');
  return Mrkdwn._of(`<!date^${seconds}^${format}|${fallback}>`);
};

/** User text that keeps its line breaks, for a part that stands on lines of its own (a description). */
md.paragraph = (userText: string): Mrkdwn => Mrkdwn._of(escapeMrkdwn(userText));

/** Joins parts with a separator (itself mrkdwn, e.g. md`\n` or md` · `). */
md.join = (parts: readonly MdValue[], separator: Mrkdwn): Mrkdwn =>
  Mrkdwn._of(parts.map(piece).join(separator.text));

/** The first line: safe to cut at a line break, since interpolated user text never holds one. */
md.firstLine = (value: Mrkdwn): Mrkdwn => Mrkdwn._of(value.text.split('\n')[0] ?? '');

/** Shortens to `max` characters without cutting an entity or an emoji in half (see text.ts truncate). */
md.truncate = (value: Mrkdwn, max: number): Mrkdwn => Mrkdwn._of(truncate(value.text, max));

export const EMPTY: Mrkdwn = md``;
