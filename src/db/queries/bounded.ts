// Queries whose parameter list must not grow with the data. Prisma loads an included list of rows with
// `WHERE parent IN (…every parent id…)`; it splits that list into statements of at most 999 values on
// SQLite (32,766 on PostgreSQL) only when the included list has no `orderBy` or `take`. Otherwise the
// query fails past 999 parents with "The query parameter limit supported by your database is exceeded".
// So included lists are loaded unordered and put in order here, and an explicit id list goes through
// `inChunks`.

/** Small enough for SQLite's 999 bound values with room for the rest of the statement. */
export const CHUNK = 500;

/** Runs `query` on slices of `ids` and concatenates the results. */
export async function inChunks<T>(
  ids: readonly number[],
  query: (slice: number[]) => Promise<T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) rows.push(...(await query(ids.slice(i, i + CHUNK))));
  return rows;
}

type Key = number | Date | string;
const comparable = (key: Key) => (key instanceof Date ? key.getTime() : key);

/** A sorted copy, ascending by the given keys in turn (what `orderBy: [...]` would have done). */
export function sortedBy<T>(rows: readonly T[], ...keys: Array<(row: T) => Key>): T[] {
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const x = comparable(key(a));
      const y = comparable(key(b));
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
}
