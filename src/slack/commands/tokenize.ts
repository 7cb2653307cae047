// Splits `/okr` command text the way a shell would: words, "quoted phrases" (straight or curly quotes, as
// Slack clients often turn " into “ ”), and --flags with values. It works on decoded text (decode.ts):
// a reference Slack formatted is one unbreakable run, so a quote or a space inside a link label never
// splits it.
import type { Piece, SlackRef } from './decode.ts';

/** The reference a word stands for, when the whole word is one person, channel or link Slack formatted. */
export type WordRefs = ReadonlyMap<string, SlackRef | null>;

export interface ParsedArgs {
  /** Every word in order, flags included, for commands that read flags with several values. */
  words: readonly string[];
  positional: string[];
  flags: Record<string, string | true>;
  /** Words that are exactly one reference, keyed by their plain text (null: two references read alike). */
  refs: WordRefs;
}

export type TokenizeResult = { ok: true; tokens: string[]; refs: WordRefs } | { ok: false; error: string };

const OPEN_QUOTES = new Set(['"', '“', '”', "'", '‘', '’']);
const CLOSING: Record<string, string[]> = {
  '"': ['"'],
  '“': ['”', '"'],
  '”': ['”', '"'],
  "'": ["'"],
  '‘': ['’', "'"],
  '’': ['’', "'"],
};

export function tokenize(input: string | readonly Piece[]): TokenizeResult {
  const pieces = typeof input === 'string' ? [{ text: input }] : input;
  const tokens: string[] = [];
  const refs = new Map<string, SlackRef | null>();
  let current = '';
  let quote: string | null = null;
  let inToken = false;
  // The reference the current word consists of, while it consists of nothing else.
  let soleRef: SlackRef | undefined;
  let otherText = false;
  const endWord = () => {
    if (inToken) {
      tokens.push(current);
      if (soleRef && !otherText) {
        const seen = refs.get(current);
        refs.set(current, seen === undefined || sameRef(seen, soleRef) ? soleRef : null);
      }
    }
    current = '';
    inToken = false;
    soleRef = undefined;
    otherText = false;
  };
  for (const piece of pieces) {
    if (piece.ref) {
      if (current !== '' || soleRef) otherText = true;
      else soleRef = piece.ref;
      current += piece.text;
      inToken = true;
      continue;
    }
    for (const char of piece.text) readChar(char);
  }
  if (quote)
    return { ok: false, error: `A quote (${quote}) is not closed. Put the phrase between two quotes.` };
  endWord();
  return { ok: true, tokens, refs };

  function readChar(char: string): void {
    if (quote) {
      if (CLOSING[quote]?.includes(char)) {
        quote = null;
      } else {
        current += char;
        otherText = true;
      }
      return;
    }
    if (/\s/.test(char)) {
      endWord();
      return;
    }
    // A quote opens only at the start of a word, so apostrophes inside words ("Dana's") stay literal.
    if (OPEN_QUOTES.has(char) && !inToken) {
      quote = char;
      inToken = true;
      return;
    }
    current += char;
    otherText = true;
    inToken = true;
  }
}

function sameRef(a: SlackRef | null, b: SlackRef): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** Separates `--name value` and `--switch` flags from positional words. */
export function splitFlags(tokens: readonly string[], refs: WordRefs = new Map()): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const flag = /^(?:--|—)([a-z][a-z-]*)(?:=(.*))?$/i.exec(token);
    if (!flag) {
      positional.push(token);
      continue;
    }
    const name = flag[1]!.toLowerCase();
    if (flag[2] !== undefined) {
      flags[name] = flag[2];
    } else if (i + 1 < tokens.length && !/^(?:--|—)[a-z]/i.test(tokens[i + 1]!)) {
      flags[name] = tokens[++i]!;
    } else {
      flags[name] = true;
    }
  }
  return { words: tokens, positional, flags, refs };
}

/** A flag's value as text; a bare `--flag` without a value reads as undefined. */
export function flagText(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}
