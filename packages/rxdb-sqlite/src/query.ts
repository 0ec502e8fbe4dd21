import type { PreparedQuery, RxDocumentData, RxJsonSchema } from 'rxdb';
import {
  getQueryMatcher,
  getSortComparator,
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
} from 'rxdb';
import { type Connection, statement } from './connection.ts';
import { documentsByRowids, remember, tableCache } from './doc-cache.ts';
import { toSqliteOrder } from './index-string-order.ts';
import { type IndexColumn, indexKey, quoteIdent, type TableLayout } from './table-layout.ts';

/**
 * query() and count() follow RxDB's memory storage step by step, so that the results are the same:
 * the query planner picks an index and a key range; the range becomes `iK >= lower AND iK <= upper` on that
 * index's column (a SEARCH on its SQLite index); when the plan says the selector is not fully satisfied by
 * the index, the rows of the range are filtered with RxDB's query matcher; when the sort is not the index
 * order, they are sorted with RxDB's sort comparator. Skip and limit go into SQL when nothing has to be
 * done in JavaScript, and scanning stops early when only filtering is.
 */
export type QueryTarget<RxDocType> = {
  connection: Connection;
  layout: TableLayout;
  schema: RxJsonSchema<RxDocumentData<RxDocType>>;
};

type Range = { column: IndexColumn; lower: string; upper: string; lowerOp: '>=' | '>'; upperOp: '<=' | '<' };

function rangeOf<RxDocType>(
  target: QueryTarget<RxDocType>,
  prepared: PreparedQuery<RxDocType>,
): Range | undefined {
  const plan = prepared.queryPlan;
  const column = target.layout.byKey.get(indexKey(plan.index));
  if (!column) return undefined;
  const schema = target.schema;
  return {
    column,
    lower: toSqliteOrder(getStartIndexStringFromLowerBound(schema, plan.index, plan.startKeys)),
    upper: toSqliteOrder(getStartIndexStringFromUpperBound(schema, plan.index, plan.endKeys)),
    lowerOp: plan.inclusiveStart ? '>=' : '>',
    upperOp: plan.inclusiveEnd ? '<=' : '<',
  };
}

function rangeSql(table: string, range: Range, select: string, suffix = ''): string {
  const c = range.column.column;
  return `SELECT ${select} FROM ${quoteIdent(table)} WHERE ${c} ${range.lowerOp} ? AND ${c} ${range.upperOp} ?${suffix}`;
}

/**
 * The SQL a query runs, and what is left to do in JavaScript. With a warm document cache the SQL returns
 * rowids only (a covering scan of the index, no table access) and the documents come from the cache
 * (misses are read by rowid, see doc-cache.ts); with a cold one it returns rowid, id and data in one pass,
 * and the parsed documents fill the cache.
 *   'sql'    - SQLite does everything (range, order, offset, limit)
 *   'sort'   - the whole range, to be sorted (and sliced) in JavaScript
 *   'filter' - the range in index order, filtered with the query matcher (then sorted if needed)
 *   'scan'   - the whole table, filtered and sorted (the query names an index the schema does not have)
 */
export type QuerySql = {
  kind: 'sql' | 'sort' | 'filter' | 'scan';
  sql: string;
  params: unknown[];
};

export function querySql<RxDocType>(
  target: QueryTarget<RxDocType>,
  prepared: PreparedQuery<RxDocType>,
  select: 'rowid' | 'rowid, id, data' = 'rowid',
): QuerySql {
  const { query, queryPlan } = prepared;
  const table = target.layout.table;
  const range = rangeOf(target, prepared);
  if (!range) {
    return { kind: 'scan', sql: `SELECT ${select} FROM ${quoteIdent(table)}`, params: [] };
  }
  const order = ` ORDER BY ${range.column.column}`;
  if (!queryPlan.selectorSatisfiedByIndex) {
    return { kind: 'filter', sql: rangeSql(table, range, select, order), params: [range.lower, range.upper] };
  }
  if (!queryPlan.sortSatisfiedByIndex) {
    return { kind: 'sort', sql: rangeSql(table, range, select, order), params: [range.lower, range.upper] };
  }
  const skip = query.skip ? query.skip : 0;
  // typeof: an explicit `limit: 0` means no documents, not "no limit"; -1 is SQLite's "no limit".
  const limit = typeof query.limit === 'number' ? query.limit : -1;
  return {
    kind: 'sql',
    sql: rangeSql(table, range, select, `${order} LIMIT ? OFFSET ?`),
    params: [range.lower, range.upper, limit, skip],
  };
}

/** While filtering, documents are fetched this many ids at a time (one query for the cache misses). */
const FILTER_CHUNK = 256;

export function runQuery<RxDocType>(
  target: QueryTarget<RxDocType>,
  prepared: PreparedQuery<RxDocType>,
): RxDocumentData<RxDocType>[] {
  const { query, queryPlan } = prepared;
  const { connection, layout } = target;
  const skip = query.skip ? query.skip : 0;
  const limit = typeof query.limit === 'number' ? query.limit : Number.POSITIVE_INFINITY;
  const skipPlusLimit = skip + limit;
  const cache = tableCache(connection, layout.table);
  const warm = cache !== undefined && cache.docs.size > 0;
  const plan = querySql(target, prepared, warm ? 'rowid' : 'rowid, id, data');
  const select = statement(connection, plan.sql, warm ? 'pluck' : 'raw');
  // Warm: rows are rowids (a covering scan of the index). Cold: [rowid, id, data]; parse and remember them.
  const toDocs = (rows: readonly unknown[]): RxDocumentData<RxDocType>[] => {
    if (warm)
      return documentsByRowids(connection, layout.table, rows as number[]) as RxDocumentData<RxDocType>[];
    return (rows as [number, string, string][]).map(([rowid, id, data]) => {
      const doc = JSON.parse(data) as RxDocumentData<RxDocType>;
      if (cache) remember(connection, cache, id, doc as RxDocumentData<unknown>, rowid);
      return doc;
    });
  };
  const byIds = toDocs;

  if (plan.kind === 'sql') {
    return byIds(select.all(...plan.params));
  }
  let rows: RxDocumentData<RxDocType>[];
  const mustSort = plan.kind !== 'filter' || !queryPlan.sortSatisfiedByIndex;
  if (plan.kind === 'sort') {
    rows = byIds(select.all(...plan.params));
  } else if (mustSort || !Number.isFinite(skipPlusLimit)) {
    // Every row of the range is needed: one all() is cheaper than stepping an iterator row by row.
    const matcher = getQueryMatcher(target.schema, query);
    rows = byIds(select.all(...plan.params)).filter((doc) => matcher(doc));
  } else {
    // A limit in index order: step through the range and stop as soon as enough documents matched.
    const matcher = getQueryMatcher(target.schema, query);
    rows = [];
    let chunk: unknown[] = [];
    let enough = false;
    const drain = () => {
      for (const doc of byIds(chunk)) {
        if (matcher(doc)) {
          rows.push(doc);
          // In index order the first skip+limit matches are the answer.
          if (!mustSort && rows.length >= skipPlusLimit) {
            enough = true;
            break;
          }
        }
      }
      chunk = [];
    };
    for (const row of select.iterate(...plan.params) as Iterable<unknown>) {
      chunk.push(row);
      if (chunk.length >= FILTER_CHUNK) {
        drain();
        // leaving the loop ends the scan
        if (enough) break;
      }
    }
    if (!enough && chunk.length > 0) drain();
  }
  if (mustSort) {
    rows.sort(getSortComparator(target.schema, query));
  }
  if (skip !== 0 || rows.length > skipPlusLimit) {
    rows = rows.slice(skip, skipPlusLimit);
  }
  return rows;
}

/** SQLite's EXPLAIN QUERY PLAN of the statement a query runs (one line per step). */
export function explainQuery<RxDocType>(
  target: QueryTarget<RxDocType>,
  prepared: PreparedQuery<RxDocType>,
): string[] {
  const plan = querySql(target, prepared);
  const rows = target.connection.db.prepare(`EXPLAIN QUERY PLAN ${plan.sql}`).all(...plan.params) as {
    detail: string;
  }[];
  return rows.map((row) => row.detail);
}

export function runCount<RxDocType>(
  target: QueryTarget<RxDocType>,
  prepared: PreparedQuery<RxDocType>,
): number {
  const range = rangeOf(target, prepared);
  const { connection, layout } = target;
  if (range && prepared.queryPlan.selectorSatisfiedByIndex) {
    const sql = rangeSql(layout.table, range, 'COUNT(*)');
    return Number(statement(connection, sql, 'pluck').get(range.lower, range.upper));
  }
  // Like the memory storage, count() ignores skip and limit.
  const matcher = getQueryMatcher(target.schema, prepared.query);
  const sql = range
    ? rangeSql(layout.table, range, 'rowid')
    : `SELECT rowid FROM ${quoteIdent(layout.table)}`;
  const params = range ? [range.lower, range.upper] : [];
  const rowids = statement(connection, sql, 'pluck').all(...params) as number[];
  let count = 0;
  for (const doc of documentsByRowids(connection, layout.table, rowids)) {
    if (matcher(doc as RxDocumentData<RxDocType>)) count++;
  }
  return count;
}
