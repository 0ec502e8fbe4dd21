import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import { getIndexableStringMonad, getPrimaryFieldOfPrimaryKey } from 'rxdb';
import { toSqliteOrder } from './index-string-order.ts';

/**
 * How one collection (at one schema version) is laid out in the SQLite file:
 *
 *   "<collection>@<version>"         id, deleted, lwt, rev, data (the document as JSON), i0 … iN
 *   "<collection>@<version>#att"     attachments (only when the schema has `attachments`)
 *
 * Column iK holds RxDB's index string of the K-th schema index (getIndexableStringMonad, made
 * SQLite-ordered by toSqliteOrder) and has a real SQLite index, so a query plan's range on an RxDB index
 * is a range scan on that column.
 */
export type IndexColumn = {
  /** The RxDB index, e.g. ['_deleted', 'hubId', 'deviceTime', 'id']. */
  fields: string[];
  /** Key for lookups by a query plan's index: fields joined with ','. */
  key: string;
  column: string;
  /** Index string of a document, already in SQLite order. */
  indexString: (doc: RxDocumentData<unknown>) => string;
};

export type TableLayout = {
  table: string;
  attachmentsTable: string | undefined;
  primaryPath: string;
  indexes: IndexColumn[];
  byKey: Map<string, IndexColumn>;
  /** The ['_meta.lwt', primaryPath] index that every RxDB schema has; getChangedDocumentsSince() uses it. */
  changesIndex: IndexColumn;
};

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function indexKey(fields: readonly string[]): string {
  return fields.join(',');
}

export function tableLayout(
  collectionName: string,
  schema: RxJsonSchema<RxDocumentData<unknown>>,
): TableLayout {
  const table = `${collectionName}@${schema.version}`;
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
  const rawIndexes = (schema.indexes ?? []).map((index) =>
    typeof index === 'string' ? [index] : [...index],
  );
  const changesFields = ['_meta.lwt', primaryPath];
  if (!rawIndexes.some((fields) => indexKey(fields) === indexKey(changesFields))) {
    // fillWithDefaultSettings() always adds it; a hand-made schema might not.
    rawIndexes.push(changesFields);
  }
  const indexes = rawIndexes.map((fields, position): IndexColumn => {
    const raw = getIndexableStringMonad(schema, fields);
    return {
      fields,
      key: indexKey(fields),
      column: `i${position}`,
      indexString: (doc) => toSqliteOrder(raw(doc)),
    };
  });
  const byKey = new Map(indexes.map((index) => [index.key, index]));
  const changesIndex = byKey.get(indexKey(changesFields));
  if (!changesIndex) throw new Error('unreachable: the changes index was just added');
  return {
    table,
    attachmentsTable: schema.attachments ? `${table}#att` : undefined,
    primaryPath,
    indexes,
    byKey,
    changesIndex,
  };
}

/** DDL that creates the tables and indexes of a layout (idempotent). */
export function createTableSql(layout: TableLayout): string {
  const t = quoteIdent(layout.table);
  const indexColumns = layout.indexes.map((index) => `${index.column} TEXT NOT NULL`).join(', ');
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${t} (id TEXT PRIMARY KEY NOT NULL, deleted INTEGER NOT NULL, lwt REAL NOT NULL, rev TEXT NOT NULL, data TEXT NOT NULL, ${indexColumns})`,
    ...layout.indexes.map(
      (index) =>
        `CREATE INDEX IF NOT EXISTS ${quoteIdent(`${layout.table}/${index.column}`)} ON ${t}(${index.column})`,
    ),
    // cleanup() purges old tombstones; a partial index keeps that cheap however large the table is.
    `CREATE INDEX IF NOT EXISTS ${quoteIdent(`${layout.table}/tombstones`)} ON ${t}(lwt) WHERE deleted = 1`,
  ];
  if (layout.attachmentsTable) {
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${quoteIdent(layout.attachmentsTable)} (doc_id TEXT NOT NULL, att_id TEXT NOT NULL, digest TEXT NOT NULL, type TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_id, att_id))`,
    );
  }
  return statements.map((s) => `${s};`).join('\n');
}

/**
 * The `_rxdb_state` key under which cleanup() keeps the newest lwt it purged: new writes stay above it (write.ts,
 * keepChangeOrder) even when the newest row was a tombstone that cleanup() removed.
 */
export function lwtFloorKey(layout: TableLayout): string {
  return `lwt-floor:${layout.table}`;
}

export function dropTableSql(layout: TableLayout): string {
  const statements = [
    `DROP TABLE IF EXISTS ${quoteIdent(layout.table)}`,
    `DELETE FROM _rxdb_state WHERE k = '${lwtFloorKey(layout).replaceAll("'", "''")}'`,
  ];
  if (layout.attachmentsTable) statements.push(`DROP TABLE IF EXISTS ${quoteIdent(layout.attachmentsTable)}`);
  return statements.map((s) => `${s};`).join('\n');
}
