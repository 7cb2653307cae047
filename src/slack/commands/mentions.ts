// People and channels named in command text. With "escape channels, users and links" on (manifest.yml),
// Slack sends `@dana` as `<@U123|dana>` and `#growth` as `<#C123|growth>`; decode.ts turns those into the
// words "@dana" and "#growth" with the id kept aside in the parsed arguments' refs. A bare id also works.
import type { WordRefs } from './tokenize.ts';

/** The user id a word names: a reference Slack formatted, or a typed id. */
export function userIdOf(token: string, refs: WordRefs = new Map()): string | undefined {
  const ref = refs.get(token);
  if (ref?.kind === 'user') return ref.id;
  return ref ? undefined : parseUserRef(token);
}

/** The channel id a word names: a reference Slack formatted, or a typed id. */
export function channelIdOf(token: string, refs: WordRefs = new Map()): string | undefined {
  const ref = refs.get(token);
  if (ref?.kind === 'channel') return ref.id;
  return ref ? undefined : parseChannelRef(token);
}

/** Whether a word is meant as a person: picked from Slack's list, an id, or a typed @handle. */
export function looksLikePerson(token: string, refs: WordRefs = new Map()): boolean {
  return userIdOf(token, refs) !== undefined || plainHandle(token) !== undefined;
}

export function parseUserRef(token: string): string | undefined {
  const escaped = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token.trim());
  if (escaped) return escaped[1];
  const bare = /^@?([UW][A-Z0-9]{2,})$/.exec(token.trim());
  return bare ? bare[1] : undefined;
}

export function parseChannelRef(token: string): string | undefined {
  const escaped = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token.trim());
  if (escaped) return escaped[1];
  const bare = /^#?([CG][A-Z0-9]{2,})$/.exec(token.trim());
  return bare ? bare[1] : undefined;
}

/** `@dana` typed by hand when Slack did not escape it: the name, for a directory lookup. */
export function plainHandle(token: string): string | undefined {
  const match = /^@([a-z0-9._-]+)$/i.exec(token.trim());
  return match ? match[1] : undefined;
}
