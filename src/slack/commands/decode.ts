/**
 * The one place Slack's escaping of command text is undone.
 *
 * Slack sends slash-command text escaped: `&`, `<`, `>` arrive as `&amp;`, `&lt;`, `&gt;`, and (with
 * "escape channels, users and links" on) what it recognised arrives as `<@U1|dana>`, `<#C1|growth>`,
 * `<https://x.com|x.com>` or `<!here>`. Everything after this module sees plain text — what the person
 * typed — plus typed references for the people, channels and links they picked, so no service ever
 * stores Slack's escaping and no splitter (quotes, `|` between milestones) cuts inside a link.
 *
 * Modal `plain_text_input` values arrive as typed, not escaped, so forms need no decoding.
 */

export type SlackRef =
  | { kind: 'user'; id: string }
  | { kind: 'channel'; id: string }
  | { kind: 'link'; url: string }
  | { kind: 'special'; name: string };

/** A run of decoded text; `ref` is set when the run stands for one reference Slack formatted. */
export interface Piece {
  text: string;
  ref?: SlackRef;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** `&amp;` → `&`, `&lt;` → `<`, `&gt;` → `>` (the only three Slack encodes), in one pass. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** Splits Slack-escaped text into plain runs and references, in order. */
export function decodeCommandText(raw: string): Piece[] {
  const pieces: Piece[] = [];
  // Inside a reference Slack never leaves a raw `<` or `>`, so `<[^<>]*>` is exactly one reference.
  const pattern = /<([^<>]*)>/g;
  let last = 0;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    if (match.index > last) pieces.push({ text: decodeEntities(raw.slice(last, match.index)) });
    pieces.push(referencePiece(match[1]!));
    last = match.index + match[0].length;
  }
  if (last < raw.length) pieces.push({ text: decodeEntities(raw.slice(last)) });
  return pieces;
}

/** The whole text as a person would read it: references shown by their labels. */
export function decodeToPlainText(raw: string): string {
  return decodeCommandText(raw)
    .map((piece) => piece.text)
    .join('');
}

function referencePiece(inner: string): Piece {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : decodeEntities(inner.slice(bar + 1));
  const user = /^@([UW][A-Z0-9]+)$/.exec(target);
  if (user) return { text: `@${label || user[1]}`, ref: { kind: 'user', id: user[1]! } };
  const channel = /^#([CG][A-Z0-9]+)$/.exec(target);
  if (channel) return { text: `#${label || channel[1]}`, ref: { kind: 'channel', id: channel[1]! } };
  const special = /^!([a-z]+)/.exec(target);
  if (special) {
    // `<!here>`, `<!subteam^S1|@team>`, `<!date^…|fallback>`: the label is what the person saw.
    return { text: label || `@${special[1]}`, ref: { kind: 'special', name: special[1]! } };
  }
  const url = decodeEntities(target);
  // A link the person typed ("x.com") comes as <http://x.com|x.com>: keep what they typed.
  return { text: label || url, ref: { kind: 'link', url } };
}
