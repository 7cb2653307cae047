// Many rows in one INSERT … VALUES statement per chunk, written as SQL both engines take. Prisma's createMany
// spends about a quarter of a millisecond of CPU per row turning its input into a query; a fan-out to 10,000
// people writes 20,000 rows, so the check-in prompt run writes its rows here. Every column is given (none
// left to a database default, whose text format for dates would differ from what Prisma writes).
import { Prisma } from '../../generated/sqlite/client.ts';
import type { Tx } from '../client.ts';

/** Parameters per statement: under SQLite's oldest limit (999) and far under PostgreSQL's. */
const PARAMETERS = 990;

type Value = string | number | boolean | Date | null;

/** Integers are cast, so PostgreSQL does not take a JavaScript number for a float. */
export const integer = (value: number) => Prisma.sql`CAST(${value} AS INTEGER)`;

/**
 * Inserts `rows` (each one value or SQL fragment per column, in the order of `columns`) into `table`.
 * Table and column names are this project's own identifiers, never input.
 */
export async function insertRows(
  tx: Pick<Tx, '$executeRaw'>,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<Value | Prisma.Sql>>,
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(PARAMETERS / columns.length));
  const into = Prisma.raw(`"${table}" (${columns.map((column) => `"${column}"`).join(', ')})`);
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = Prisma.join(
      rows.slice(start, start + perStatement).map((row) => Prisma.sql`(${Prisma.join(row)})`),
    );
    await tx.$executeRaw`INSERT INTO ${into} VALUES ${values}`;
  }
}
