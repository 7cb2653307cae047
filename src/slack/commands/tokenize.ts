// Splits `/okr` command text the way a shell would: words, "quoted phrases" (straight or curly quotes, as
// Slack clients often turn " into “ ”), and --flags with values.
export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

export type TokenizeResult = { ok: true; tokens: string[] } | { ok: false; error: string };

const OPEN_QUOTES = new Set(['"', '“', '”', "'", '‘', '’']);
const CLOSING: Record<string, string[]> = {
  '"': ['"'],
  '“': ['”', '"'],
  '”': ['”', '"'],
  "'": ["'"],
  '‘': ['’', "'"],
  '’': ['’', "'"],
};

export function tokenize(text: string): TokenizeResult {
  const tokens: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inToken = false;
  for (const char of text) {
    if (quote) {
      if (CLOSING[quote]?.includes(char)) {
        quote = null;
      } else {
        current += char;
      }
      continue;
    }
    if (/\s/.test(char)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
      continue;
    }
    // A quote opens only at the start of a word, so apostrophes inside words ("Dana's") stay literal.
    if (OPEN_QUOTES.has(char) && !inToken) {
      quote = char;
      inToken = true;
      continue;
    }
    current += char;
    inToken = true;
  }
  if (quote)
    return { ok: false, error: `A quote (${quote}) is not closed. Put the phrase between two quotes.` };
  if (inToken) tokens.push(current);
  return { ok: true, tokens };
}

/** Separates `--name value` and `--switch` flags from positional words. */
export function splitFlags(tokens: readonly string[]): ParsedArgs {
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
  return { positional, flags };
}

/** A flag's value as text; a bare `--flag` without a value reads as undefined. */
export function flagText(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}
