// Which database engine a DATABASE_URL selects, and the folders that belong to it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Provider = 'sqlite' | 'postgresql';
export const PROVIDERS_ALL: readonly Provider[] = ['sqlite', 'postgresql'];

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

export function prismaDir(provider: Provider, root = PROJECT_ROOT): string {
  return join(root, 'prisma', provider);
}

/** `file:./data/okra.db`, `./data/okra.db` and `:memory:` all name a SQLite database. */
export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, '');
}

/** The URL with any password replaced, safe to print. */
export function redactUrl(databaseUrl: string): string {
  if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) return databaseUrl;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgresql://(unreadable URL)';
  }
}
