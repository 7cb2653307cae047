// People and channels named in command text. With "escape channels, users and links" on (manifest.yml),
// Slack sends `@dana` as `<@U123|dana>` and `#growth` as `<#C123|growth>`; a bare id also works.
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
