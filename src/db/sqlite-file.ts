// The SQLite file under a running app. Deleting it does not stop SQLite (the open handle keeps the
// deleted file alive), so every write seems to work until the app restarts on an empty new database.
// Okra notices both: a running app reports the file gone in /healthz and the log, and start-up refuses
// to create a fresh database where Okra had created one before.
import { existsSync, statSync, writeFileSync } from 'node:fs';

export interface FileIdentity {
  dev: number;
  ino: number;
}

export function identityOf(file: string): FileIdentity | undefined {
  try {
    const stat = statSync(file);
    return { dev: stat.dev, ino: stat.ino };
  } catch {
    return undefined;
  }
}

/** Why the file is not the one the app opened, or undefined when it is. */
export function fileProblem(file: string, opened: FileIdentity): string | undefined {
  const now = identityOf(file);
  if (!now) return `the database file ${file} was deleted or moved while Okra was running`;
  if (now.dev !== opened.dev || now.ino !== opened.ino)
    return `the database file ${file} was replaced while Okra was running`;
  return undefined;
}

/** Written next to a database Okra created, so that a later start can tell "new" from "lost". */
export const markerOf = (file: string) => `${file}.created-by-okra`;

/** Refuses to start on a missing database that Okra had created before; returns the reason, if any. */
export function missingDatabase(file: string): string | undefined {
  if (file === ':memory:' || existsSync(file) || !existsSync(markerOf(file))) return undefined;
  return (
    `The SQLite database ${file} is missing, but Okra created it before (see ${markerOf(file)}): it was ` +
    'deleted or moved. Okra will not start on an empty database in its place. Restore the file from a ' +
    `backup, or delete ${markerOf(file)} to start again with an empty database.`
  );
}

export function markCreated(file: string, at: Date): void {
  if (file === ':memory:' || existsSync(markerOf(file))) return;
  writeFileSync(markerOf(file), `Okra created ${file} here on ${at.toISOString()}.\n`);
}
