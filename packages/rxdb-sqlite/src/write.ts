import type {
  BulkWriteRow,
  CategorizeBulkWriteRowsOutput,
  RxDocumentData,
  RxStorageInstance,
  RxStorageWriteError,
} from 'rxdb';
import { categorizeBulkWriteRows, ensureNotFalsy } from 'rxdb';
import { type AttachmentBytes, writeAttachments } from './attachments.ts';
import type { ChangeBulk } from './change-feed.ts';
import { logForOtherProcesses } from './change-feed.ts';
import { type Connection, statement } from './connection.ts';
import { countWrite } from './doc-cache.ts';
import { lwtFloorKey, quoteIdent, type TableLayout } from './table-layout.ts';

/**
 * The synchronous heart of bulkWrite(). It runs inside one `BEGIN IMMEDIATE` transaction, so the rev check
 * and the writes are atomic even against another process: RxDB's categorizeBulkWriteRows() decides, from
 * the revs stored now, which rows are inserts, updates or 409 conflicts (a stale `_rev` is never written),
 * then the documents, their index strings, their attachments and (for multiInstance) the change-log entry
 * are written. Any SQLite error aborts the transaction and nothing of the write remains.
 */
export type WriteTarget = {
  connection: Connection;
  layout: TableLayout;
  collectionName: string;
  /** Passed to categorizeBulkWriteRows(), which reads its schema (attachments or not). */
  instance: RxStorageInstance<unknown, unknown, unknown>;
  logChanges: boolean;
};

export type WriteOutcome = {
  errors: RxStorageWriteError<unknown>[];
  bulks: ChangeBulk[];
  /** The documents as now stored (attachment data stripped) and the rowids of inserted ones, for the cache. */
  written: { doc: Doc; rowid?: number }[];
  /** The file's write counter after this write (doc-cache.ts), when it wrote anything. */
  epoch: number | undefined;
};

type Doc = RxDocumentData<unknown>;

/** The primary key value of a document (RxDB keeps it in a top-level field, also for composite keys). */
export function idOf(primaryPath: string, doc: unknown): string {
  return (doc as Record<string, string>)[primaryPath] as string;
}

function tableSql(layout: TableLayout) {
  const t = quoteIdent(layout.table);
  const indexColumns = layout.indexes.map((index) => index.column);
  const columns = ['id', 'deleted', 'lwt', 'rev', 'data', ...indexColumns];
  return {
    insert: `INSERT INTO ${t} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    update: `UPDATE ${t} SET deleted = ?, lwt = ?, rev = ?, data = ?${indexColumns
      .map((c) => `, ${c} = ?`)
      .join('')} WHERE id = ?`,
    revById: `SELECT rev FROM ${t} WHERE id = ?`,
    revsByIds: `SELECT id, rev FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`,
    dataById: `SELECT data FROM ${t} WHERE id = ?`,
    // The changes index orders by (lwt, id): its last entry is the newest change, found without a scan.
    newest: `SELECT lwt, ${layout.changesIndex.column} FROM ${t} ORDER BY ${layout.changesIndex.column} DESC LIMIT 1`,
    // cleanup() keeps the newest lwt it purged
    floor: 'SELECT v FROM _rxdb_state WHERE k = ?',
  };
}

const SQL_CACHE = new WeakMap<TableLayout, ReturnType<typeof tableSql>>();
function sqlFor(layout: TableLayout) {
  let sql = SQL_CACHE.get(layout);
  if (!sql) {
    sql = tableSql(layout);
    SQL_CACHE.set(layout, sql);
  }
  return sql;
}

/**
 * Stored revs of the written ids, as stand-in documents: categorizeBulkWriteRows() only reads `_rev` of the
 * stored document, so parsing the stored JSON is left to the rare conflict that needs it.
 */
function storedRevs(target: WriteTarget, rows: readonly BulkWriteRow<unknown>[]): Map<string, Doc> {
  const { connection, layout } = target;
  const sql = sqlFor(layout);
  const stored = new Map<string, Doc>();
  const primaryPath = layout.primaryPath;
  if (rows.length === 1) {
    const id = idOf(primaryPath, rows[0]?.document);
    const rev = statement(connection, sql.revById, 'pluck').get(id) as string | undefined;
    if (rev !== undefined) stored.set(id, { _rev: rev } as Doc);
    return stored;
  }
  const ids = rows.map((row) => idOf(primaryPath, row.document));
  for (const [id, rev] of statement(connection, sql.revsByIds, 'raw').iterate(
    JSON.stringify(ids),
  ) as Iterable<[string, string]>) {
    stored.set(id, { _rev: rev } as Doc);
  }
  return stored;
}

function rowValues(layout: TableLayout, doc: Doc): unknown[] {
  const values: unknown[] = [doc._deleted ? 1 : 0, doc._meta.lwt, doc._rev, JSON.stringify(doc)];
  for (const index of layout.indexes) values.push(index.indexString(doc));
  return values;
}

/** Ids written twice in one call must not both be inserted: split into runs of distinct ids. */
function distinctIdRuns(primaryPath: string, rows: BulkWriteRow<unknown>[]): BulkWriteRow<unknown>[][] {
  const runs: BulkWriteRow<unknown>[][] = [];
  let current: BulkWriteRow<unknown>[] = [];
  let ids = new Set<string>();
  for (const row of rows) {
    const id = idOf(primaryPath, row.document);
    if (ids.has(id)) {
      runs.push(current);
      current = [];
      ids = new Set();
    }
    ids.add(id);
    current.push(row);
  }
  runs.push(current);
  return runs;
}

/**
 * RxDB stamps `_meta.lwt` from the wall clock, and replication checkpoints are (lwt, id) positions: a document
 * stamped earlier than the newest one stored (the kiosk's clock was set back, by NTP or by hand, and the process
 * restarted) would sort before checkpoints already handed out, so an upstream that resumes from its checkpoint
 * would never see it, and it would never be pushed. So no write goes below the newest stored change: a row that would
 * sort at or before it is stored just after it (lwt + 0.01 ms, RxDB's own step), keeping the change order the
 * order of the writes. With a sane clock every new lwt is already past the newest and nothing changes. The rows are
 * copied, never changed in place: they belong to RxDB; the stored lwt reaches RxDB through the change events.
 */
function keepChangeOrder(target: WriteTarget, rows: BulkWriteRow<unknown>[]): BulkWriteRow<unknown>[] {
  const { connection, layout } = target;
  const sql = sqlFor(layout);
  const [newestLwt, newestPosition] =
    (statement(connection, sql.newest, 'raw').get() as [number, string] | undefined) ?? [];
  const floor =
    (statement(connection, sql.floor, 'pluck').get(lwtFloorKey(layout)) as number | undefined) ?? -1;
  const tooEarly = (doc: Doc) => {
    const lwt = doc._meta.lwt;
    if (lwt <= floor) return true;
    if (newestLwt === undefined || lwt > newestLwt) return false;
    // the same lwt: the id decides whether it sorts after the newest change
    return lwt < newestLwt || layout.changesIndex.indexString(doc) <= (newestPosition as string);
  };
  if (!rows.some((row) => tooEarly(row.document as Doc))) return rows;
  const after = (Math.round(Math.max(newestLwt ?? -1, floor) * 100) + 1) / 100;
  return rows.map((row) => {
    const doc = row.document as Doc;
    if (!tooEarly(doc)) return row;
    return { ...row, document: { ...doc, _meta: { ...doc._meta, lwt: after } } };
  });
}

function writeRun(
  target: WriteTarget,
  writeRows: BulkWriteRow<unknown>[],
  context: string,
  bytes: AttachmentBytes | undefined,
  outcome: WriteOutcome,
): void {
  const { connection, layout } = target;
  const sql = sqlFor(layout);
  const primaryPath = layout.primaryPath;
  const rows = keepChangeOrder(target, writeRows);
  const categorized: CategorizeBulkWriteRowsOutput<unknown> = categorizeBulkWriteRows(
    target.instance,
    primaryPath as never,
    storedRevs(target, rows),
    rows,
    context,
  );

  for (const error of categorized.errors) {
    // a 409 names the row the caller wrote, not keepChangeOrder()'s copy of it
    if (rows !== writeRows)
      (error as { writeRow: unknown }).writeRow = writeRows[rows.indexOf(error.writeRow)];
    // Replace the rev-only stand-in by the real stored document: a 409 carries the current state.
    if ('documentInDb' in error && error.documentInDb) {
      const data = statement(connection, sql.dataById, 'pluck').get(error.documentId) as string;
      (error as { documentInDb: Doc }).documentInDb = JSON.parse(data) as Doc;
    }
    outcome.errors.push(error);
  }

  if (categorized.bulkInsertDocs.length > 0) {
    const insert = statement(connection, sql.insert);
    for (const row of categorized.bulkInsertDocs) {
      const doc = row.document;
      const { lastInsertRowid } = insert.run(idOf(primaryPath, doc), ...rowValues(layout, doc));
      outcome.written.push({ doc, rowid: Number(lastInsertRowid) });
    }
  }
  if (categorized.bulkUpdateDocs.length > 0) {
    const update = statement(connection, sql.update);
    for (const row of categorized.bulkUpdateDocs) {
      const doc = row.document;
      update.run(...rowValues(layout, doc), idOf(primaryPath, doc));
      outcome.written.push({ doc });
    }
  }
  if (layout.attachmentsTable && bytes) {
    writeAttachments(connection, layout.attachmentsTable, categorized, bytes);
  }

  const bulk = categorized.eventBulk as ChangeBulk;
  if (categorized.errors.length > 0 && bulk.events.length > 0) {
    // categorizeBulkWriteRows() also emits an INSERT for an insert rejected with a 510: nothing was written.
    const failed = new Set(categorized.errors.map((error) => error.documentId));
    bulk.events = bulk.events.filter((event) => !failed.has(event.documentId));
  }
  if (bulk.events.length > 0) {
    const newest = ensureNotFalsy(categorized.newestRow).document;
    bulk.checkpoint = {
      id: idOf(primaryPath, newest),
      lwt: newest._meta.lwt,
    };
    if (target.logChanges) logForOtherProcesses(connection, layout.table, bulk);
    outcome.bulks.push(bulk);
  }
}

/**
 * The storage checks what it relies on itself (a string primary key, `_rev`, `_deleted`, `_meta.lwt`):
 * a row without them gets a 422 error and is not written. Whole-schema validation is RxDB's job
 * (wrappedValidateAjvStorage), see the README.
 */
function invalidFields(primaryPath: string, doc: Doc): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const record = doc as unknown as Record<string, unknown>;
  if (typeof record[primaryPath] !== 'string') {
    problems.push({ field: primaryPath, message: 'the primary key must be a string' });
  }
  if (typeof doc._rev !== 'string' || doc._rev.length === 0) {
    problems.push({ field: '_rev', message: '_rev must be a non-empty string' });
  }
  if (typeof doc._deleted !== 'boolean') {
    problems.push({ field: '_deleted', message: '_deleted must be a boolean' });
  }
  if (typeof doc._meta !== 'object' || doc._meta === null || !Number.isFinite(doc._meta.lwt)) {
    problems.push({ field: '_meta.lwt', message: '_meta.lwt must be a finite number' });
  }
  if (typeof doc._attachments !== 'object' || doc._attachments === null) {
    problems.push({ field: '_attachments', message: '_attachments must be an object' });
  }
  return problems;
}

/** The fast check of the common case; invalidFields() explains what is wrong. */
function isWellFormed(primaryPath: string, doc: Doc): boolean {
  return (
    typeof idOf(primaryPath, doc) === 'string' &&
    typeof doc._rev === 'string' &&
    doc._rev.length > 0 &&
    typeof doc._deleted === 'boolean' &&
    typeof doc._meta === 'object' &&
    doc._meta !== null &&
    Number.isFinite(doc._meta.lwt) &&
    typeof doc._attachments === 'object' &&
    doc._attachments !== null
  );
}

/** Call inside a transaction. */
export function writeInTransaction(
  target: WriteTarget,
  allRows: BulkWriteRow<unknown>[],
  context: string,
  bytes: AttachmentBytes | undefined,
): WriteOutcome {
  const outcome: WriteOutcome = { errors: [], bulks: [], written: [], epoch: undefined };
  const primaryPath = target.layout.primaryPath;
  let rows = allRows;
  for (const row of allRows) {
    if (isWellFormed(primaryPath, row.document as Doc)) continue;
    const problems = invalidFields(primaryPath, row.document as Doc);
    if (problems.length > 0) {
      outcome.errors.push({
        status: 422,
        isError: true,
        documentId: String(idOf(primaryPath, row.document)),
        writeRow: row,
        context,
        validationErrors: problems,
        schema: target.instance.schema as never,
      });
    }
  }
  if (outcome.errors.length > 0) {
    const rejected = new Set(outcome.errors.map((error) => error.writeRow));
    rows = allRows.filter((row) => !rejected.has(row));
  }
  for (const run of distinctIdRuns(primaryPath, rows)) {
    writeRun(target, run, context, bytes, outcome);
  }
  if (outcome.written.length > 0) outcome.epoch = countWrite(target.connection);
  return outcome;
}
