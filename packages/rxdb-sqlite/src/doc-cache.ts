import type { RxDocumentData } from 'rxdb';
import { type Connection, statement } from './connection.ts';
import { quoteIdent } from './table-layout.ts';

type Doc = RxDocumentData<unknown>;

/**
 * Parsed documents, per file and table, so that hot documents are not read and JSON-parsed again.
 *
 * While a connection is open: its own writes update the cache as they commit; a write by any *other*
 * connection (another process) bumps SQLite's `PRAGMA data_version` for this connection, which every read
 * checks first (about a microsecond), dropping the file's caches when it moved.
 *
 * Between connections (a database closed and opened again in the same process) the cache is kept, like the
 * memory storage keeps its state, but only if the file is provably the same and unchanged: `_rxdb_state`
 * holds a random token naming the file and a counter that every write transaction of this storage
 * increments (in the same transaction). A reopened connection reuses the cache only when both match.
 * Caches of at most KEEP_CLOSED closed files are kept; in-memory and read-only databases keep none.
 *
 * Objects handed out are shared, like the memory storage's: RxDB never mutates documents it gets from a
 * storage. Size: at most `documentCacheSize` documents per table; beyond that the oldest tenth is dropped.
 */
/** Documents by id, and the rowid → id map that lets queries read covering index scans of rowids. */
export type TableCache = { docs: Map<string, Doc>; ids: Map<number, string> };
type SharedCache = { epoch: number; tables: Map<string, TableCache>; open: number };
const SHARED = new Map<string, SharedCache>();
const KEEP_CLOSED = 4;

function stateValue(connection: Connection, key: string): unknown {
  return statement(connection, 'SELECT v FROM _rxdb_state WHERE k = ?', 'pluck').get(key);
}

/** At connection open: adopt the cache kept for this file if the file did not change since. */
export function attachCache(connection: Connection): void {
  connection.cacheVersion = Number(statement(connection, 'PRAGMA data_version', 'pluck').get());
  if (connection.settings.readonly || connection.path.startsWith(':memory:')) return;
  const key = `${connection.path}|${String(stateValue(connection, 'file'))}`;
  const epoch = Number(stateValue(connection, 'writes'));
  let shared = SHARED.get(key);
  if (!shared) {
    shared = { epoch, tables: new Map(), open: 0 };
  } else if (shared.epoch !== epoch) {
    shared.tables.clear();
    shared.epoch = epoch;
  }
  // re-inserted: the Map's order is the order of last use
  SHARED.delete(key);
  SHARED.set(key, shared);
  shared.open++;
  connection.sharedCacheKey = key;
  connection.docCaches = shared.tables;
}

export function detachCache(connection: Connection): void {
  const key = connection.sharedCacheKey;
  const shared = key ? SHARED.get(key) : undefined;
  if (!shared) {
    connection.docCaches.clear();
    return;
  }
  shared.open--;
  let closed = [...SHARED.values()].filter((entry) => entry.open <= 0).length;
  for (const [k, entry] of SHARED) {
    if (closed <= KEEP_CLOSED) break;
    if (entry.open <= 0) {
      SHARED.delete(k);
      closed--;
    }
  }
}

/** Inside a write transaction that changed documents: the counter other connections compare at open. */
export function countWrite(connection: Connection): number | undefined {
  if (connection.settings.readonly) return undefined;
  return Number(
    statement(connection, "UPDATE _rxdb_state SET v = v + 1 WHERE k = 'writes' RETURNING v", 'pluck').get(),
  );
}

/** After the commit of a write that countWrite() counted, and after tableCache() validated the cache. */
export function noteWrite(connection: Connection, epoch: number | undefined): void {
  const shared = connection.sharedCacheKey ? SHARED.get(connection.sharedCacheKey) : undefined;
  if (shared && epoch !== undefined) shared.epoch = epoch;
}

export function tableCache(connection: Connection, table: string): TableCache | undefined {
  if (connection.settings.documentCacheSize <= 0) return undefined;
  const version = Number(statement(connection, 'PRAGMA data_version', 'pluck').get());
  if (version !== connection.cacheVersion) {
    // another connection wrote: nothing cached can be trusted, and the file's counter moved on
    connection.docCaches.clear();
    connection.cacheVersion = version;
    noteWrite(
      connection,
      connection.settings.readonly ? undefined : Number(stateValue(connection, 'writes')),
    );
  }
  let cache = connection.docCaches.get(table);
  if (!cache) {
    cache = { docs: new Map(), ids: new Map() };
    connection.docCaches.set(table, cache);
  }
  return cache;
}

/**
 * A rowid stays attached to its document until the row is deleted (cleanup() and remove() drop the table's
 * cache, another process's deletes drop all caches), so the rowid → id map never points at another document.
 */
export function remember(
  connection: Connection,
  cache: TableCache,
  id: string,
  doc: Doc,
  rowid?: number,
): void {
  cache.docs.set(id, doc);
  if (rowid !== undefined) cache.ids.set(rowid, id);
  const limit = connection.settings.documentCacheSize;
  if (cache.docs.size > limit) {
    let drop = Math.max(1, Math.floor(limit / 10));
    for (const key of cache.docs.keys()) {
      cache.docs.delete(key);
      if (--drop <= 0) break;
    }
  }
  // rowids of dropped documents just miss; the map is cleared before it grows much beyond the documents
  if (cache.ids.size > 2 * limit) cache.ids.clear();
}

export function forgetTable(connection: Connection, table: string): void {
  connection.docCaches.delete(table);
}

type Row = [rowid: number, id: string, data: string];

function readRows(
  connection: Connection,
  table: string,
  column: 'id' | 'rowid',
  keys: readonly unknown[],
): Row[] {
  const t = quoteIdent(table);
  if (keys.length === 1) {
    const row = statement(connection, `SELECT rowid, id, data FROM ${t} WHERE ${column} = ?`, 'raw').get(
      keys[0],
    );
    return row ? [row as Row] : [];
  }
  const sql = `SELECT rowid, id, data FROM ${t} WHERE ${column} IN (SELECT value FROM json_each(?))`;
  return statement(connection, sql, 'raw').all(JSON.stringify(keys)) as Row[];
}

/**
 * The stored documents of `ids`, in that order (missing ids are skipped, duplicates repeated): from the
 * cache where possible, the rest with one query.
 */
export function documentsByIds(connection: Connection, table: string, ids: readonly string[]): Doc[] {
  const cache = tableCache(connection, table);
  const found = new Map<string, Doc>();
  const missing: string[] = [];
  for (const id of ids) {
    const cached = cache?.docs.get(id);
    if (cached) found.set(id, cached);
    else missing.push(id);
  }
  if (missing.length > 0) {
    for (const [rowid, id, data] of readRows(connection, table, 'id', missing)) {
      const doc = JSON.parse(data) as Doc;
      found.set(id, doc);
      if (cache) remember(connection, cache, id, doc, rowid);
    }
  }
  const docs: Doc[] = [];
  for (const id of ids) {
    const doc = found.get(id);
    if (doc) docs.push(doc);
  }
  return docs;
}

/** Like documentsByIds() for rowids (what a covering scan of an index yields). */
export function documentsByRowids(connection: Connection, table: string, rowids: readonly number[]): Doc[] {
  const cache = tableCache(connection, table);
  const docs: (Doc | undefined)[] = new Array(rowids.length);
  const missing: number[] = [];
  for (let i = 0; i < rowids.length; i++) {
    const rowid = rowids[i] as number;
    const id = cache?.ids.get(rowid);
    const doc = id === undefined ? undefined : cache?.docs.get(id);
    if (doc) docs[i] = doc;
    else missing.push(rowid);
  }
  if (missing.length > 0) {
    const fetched = new Map<number, Doc>();
    for (const [rowid, id, data] of readRows(connection, table, 'rowid', missing)) {
      const doc = JSON.parse(data) as Doc;
      fetched.set(rowid, doc);
      if (cache) remember(connection, cache, id, doc, rowid);
    }
    for (let i = 0; i < rowids.length; i++) {
      if (!docs[i]) docs[i] = fetched.get(rowids[i] as number);
    }
  }
  return docs.filter((doc): doc is Doc => doc !== undefined);
}
