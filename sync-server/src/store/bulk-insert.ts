import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Database } from './schema';

/** A multi-row INSERT: the rows (objects with the same keys), and what to do on a conflict. */
export interface BulkInsert<Row extends object> {
  table: keyof Database & string;
  rows: readonly Row[];
  /** the columns to write, in the rows' keys */
  columns: ReadonlyArray<keyof Row & string>;
  /**
   * the columns of integer types (bigint, integer): PostgreSQL is sent each column as one array, and needs its
   * type (an array of text does not convert to bigint); every other column is sent as text
   */
  integers?: ReadonlyArray<keyof Row & string>;
  /** what follows the rows: `ON CONFLICT …` and/or `RETURNING …`, the same text on both dialects */
  tail?: RawBuilder<unknown>;
}

/**
 * Inserts the rows in one statement, the caller choosing how many (SQLite takes at most 32 766 parameters).
 * PostgreSQL: `INSERT … SELECT * FROM unnest($1::text[], $2::int8[], …)`, one array per column, so the statement
 * has a parameter per column instead of per value: its parse and plan cost stays the same whatever the number of
 * rows, where a VALUES list of 200 rows × 16 columns took about three times longer to insert the same rows
 * (measured on report_checkins with its six indexes). SQLite: a VALUES list, which it reads as fast.
 * Returns the rows of a RETURNING tail (none without one).
 */
export async function bulkInsert<Row extends object, Out = unknown>(
  db: Kysely<Database>,
  insert: BulkInsert<Row>,
): Promise<Out[]> {
  const { table, rows, columns } = insert;
  if (rows.length === 0) return [];
  const value = (row: Row, column: keyof Row & string) => row[column] as unknown;
  const integers = new Set<string>(insert.integers ?? []);
  const source =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql`SELECT * FROM unnest(${sql.join(
          columns.map(
            (c) => sql`${rows.map((r) => value(r, c))}::${sql.raw(integers.has(c) ? 'int8' : 'text')}[]`,
          ),
        )})`
      : sql`VALUES ${sql.join(rows.map((r) => sql`(${sql.join(columns.map((c) => value(r, c)))})`))}`;
  const result =
    await sql<Out>`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) ${source} ${
      insert.tail ?? sql``
    }`.execute(db);
  return result.rows;
}
