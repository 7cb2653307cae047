// Database errors both engines report alike.

/** Prisma reports a unique constraint violation as P2002, on both engines (the adapter, unwrapped, by kind). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    codeOf(error) === 'P2002' ||
    (error instanceof Error &&
      /unique constraint|UNIQUE constraint failed|duplicate key/i.test(error.message))
  );
}

// Database failures a person can be told about in plain words, rather than "Something went wrong".

export const DATABASE_UNREACHABLE =
  'Okra cannot reach its database right now, so nothing was changed. Please try again in a few minutes.';
export const DATABASE_BUSY =
  'Okra’s database is too busy to take this change right now (a large plan import, most likely), so nothing was changed. Please try again in a minute.';
export const CHANGED_MEANWHILE =
  'Someone changed the same thing at the same moment, so nothing was changed. Please try again.';

// Prisma's codes for a database that is not there or not answering, and the driver's words for it.
const UNREACHABLE_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024', 'P2028']);
const UNREACHABLE_WORDS =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection terminated|connection timeout|Can't reach database|does not allow connections|terminating connection|not currently accepting connections|SQLITE_READONLY_DBMOVED|SQLITE_CANTOPEN|SQLITE_IOERR|SQLITE_NOTADB|file is not a database|disk I\/O error|no answer within|Transaction API error|Unable to start a transaction/i;
// SQLite's write lock held by another process (an `okra import`) for longer than the busy timeout; Prisma
// reports it as a timed-out operation.
const BUSY_WORDS = /database is locked|SQLITE_BUSY|Operation has timed out/i;
// A lost race for a unique row, or a write conflict PostgreSQL resolved by aborting one side.
const RACE_CODES = new Set(['P2002', 'P2034']);

// Errors a driver adapter raises where Prisma does not wrap them (a COMMIT inside an interactive transaction)
// carry a kind instead of Prisma's code.
const ADAPTER_KIND_CODES: Record<string, string> = {
  TransactionWriteConflict: 'P2034',
  UniqueConstraintViolation: 'P2002',
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  if (error instanceof Error && error.name === 'DriverAdapterError') {
    const kind = (error.cause as { kind?: unknown } | undefined)?.kind;
    return typeof kind === 'string' ? ADAPTER_KIND_CODES[kind] : undefined;
  }
  return undefined;
}

/** PostgreSQL refused one of two conflicting serializable transactions (P2034, or the adapter's own kind). */
export function isWriteConflict(error: unknown): boolean {
  return (
    codeOf(error) === 'P2034' ||
    (error instanceof Error && /could not serialize|write conflict|deadlock/i.test(error.message))
  );
}

function textOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return `${error.name} ${error.message} ${cause instanceof Error ? cause.message : ''}`;
}

/** The sentence for a database that is not there, not answering or busy; undefined for anything else. */
export function unavailableDatabase(error: unknown): string | undefined {
  const text = textOf(error);
  if (BUSY_WORDS.test(text)) return DATABASE_BUSY;
  const code = codeOf(error);
  if ((code !== undefined && UNREACHABLE_CODES.has(code)) || UNREACHABLE_WORDS.test(text))
    return DATABASE_UNREACHABLE;
  return undefined;
}

/** The sentence for a failure a person can understand, or undefined for a plain bug. */
export function plainDatabaseFailure(error: unknown): string | undefined {
  const code = codeOf(error);
  if (code !== undefined && RACE_CODES.has(code)) return CHANGED_MEANWHILE;
  // An edit whose row kept changing under it, retried and given up (db/queries/row-lock.ts).
  if (error instanceof Error && error.name === 'StaleRead') return CHANGED_MEANWHILE;
  return unavailableDatabase(error);
}
