/**
 * Indexed queries must not scan the table: SQLite's EXPLAIN QUERY PLAN of the statements this storage runs
 * shows a SEARCH on the index of the RxDB index the query planner chose, for the kiosk's own queries
 * ("check-ins of today for this hub", a card's history, by HLC), for changes since a checkpoint, lookups
 * by id and cleanup.
 */
import type { MangoQuery, RxDocumentData } from 'rxdb';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { explainQuery, type QueryTarget, querySql, runQuery } from './query.ts';
import { quoteIdent } from './table-layout.ts';
import { type Checkin, checkinSchema } from './test-support/fixtures.ts';
import { testContext, useTempStorage } from './test-support/temp-storage.ts';
import type { BetterSqlite3Internals } from './types.ts';

const env = useTempStorage();
const DAY = 86_400_000;
const start = Date.UTC(2025, 0, 1);

function checkin(n: number): RxDocumentData<Checkin> {
  return {
    id: `c${n.toString().padStart(8, '0')}`,
    hubId: `hub${n % 5}`,
    deviceId: `dev${n % 3}`,
    ...(n % 4 === 0 ? {} : { cardId: `card${n % 97}` }),
    direction: n % 2 ? 'in' : 'out',
    source: 'camera',
    deviceTime: start + Math.floor(n / 50) * (DAY / 10),
    hlc: `${(start + n).toString(36)}-${n % 7}`,
    updatedAt: start + n,
    _deleted: false,
    _attachments: {},
    _rev: '1-a',
    _meta: { lwt: start + n },
  };
}

async function setup() {
  const schema = checkinSchema();
  const instance = await env.open<Checkin>({ schema, collectionName: 'checkins' });
  const docs = Array.from({ length: 3000 }, (_v, n) => checkin(n));
  await instance.bulkWrite(
    docs.map((document) => ({ document })),
    testContext,
  );
  const internals = instance.internals as BetterSqlite3Internals;
  const target: QueryTarget<Checkin> = { connection: internals.connection, layout: internals.layout, schema };
  const explain = (mango: MangoQuery<RxDocumentData<Checkin>>) => {
    const prepared = prepareQuery(schema, normalizeMangoQuery(schema, mango as MangoQuery<Checkin>));
    return { plan: explainQuery(target, prepared), prepared, sql: querySql(target, prepared) };
  };
  return { instance, docs, target, explain, internals };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** EXPLAIN's line for a range search on that index (covering or not: both read the index range only). */
function searchUsing(table: string, index: string): RegExp {
  return new RegExp(`SEARCH ${escapeRegExp(table)} USING (COVERING )?INDEX ${escapeRegExp(index)} `);
}

function indexNameOf(internals: BetterSqlite3Internals, fields: string[]): string {
  const column = internals.layout.byKey.get(fields.join(','))?.column;
  if (!column) throw new Error(`no index ${fields.join(',')}`);
  return `${internals.layout.table}/${column}`;
}

describe('EXPLAIN QUERY PLAN', () => {
  it('check-ins of today for this hub: a SEARCH on the (hubId, deviceTime) index, and the right rows', async () => {
    const { explain, internals, docs, target } = await setup();
    const today = { $gte: start + 3 * DAY, $lt: start + 4 * DAY };
    const { plan, prepared, sql } = explain({
      selector: { _deleted: { $eq: false }, hubId: { $eq: 'hub2' }, deviceTime: today },
      sort: [{ deviceTime: 'asc' }],
    });
    const index = indexNameOf(internals, ['_deleted', 'hubId', 'deviceTime', 'id']);
    expect(plan.join('\n')).toMatch(searchUsing(`${internals.layout.table}`, index));
    expect(plan.join('\n')).not.toMatch(/\bSCAN\b/);
    // fully answered by SQLite: range, order and limit, nothing left to filter in JavaScript
    expect(sql.kind).toBe('sql');
    const expected = docs
      .filter((d) => d.hubId === 'hub2' && d.deviceTime >= today.$gte && d.deviceTime < today.$lt)
      .sort((a, b) => a.deviceTime - b.deviceTime || (a.id < b.id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(10);
    expect(runQuery(target, prepared).map((d) => d.id)).toEqual(expected.map((d) => d.id));
  });

  it('a card’s history and an HLC lookup search their own indexes', async () => {
    const { explain, internals } = await setup();
    const card = explain({ selector: { _deleted: { $eq: false }, cardId: { $eq: 'card5' } } }).plan.join(
      '\n',
    );
    expect(card).toMatch(
      searchUsing(internals.layout.table, indexNameOf(internals, ['_deleted', 'cardId', 'deviceTime', 'id'])),
    );
    expect(card).not.toMatch(/\bSCAN\b/);
    const hlc = explain({ selector: { _deleted: { $eq: false }, hlc: { $gt: 'a' } } }).plan.join('\n');
    expect(hlc).toMatch(
      searchUsing(internals.layout.table, indexNameOf(internals, ['_deleted', 'hlc', 'id'])),
    );
    expect(hlc).not.toMatch(/\bSCAN\b/);
  });

  it('a selector the index cannot answer alone still reads only the index range', async () => {
    const { explain, internals } = await setup();
    const { plan, sql } = explain({
      selector: { _deleted: { $eq: false }, hubId: { $eq: 'hub1' }, direction: { $eq: 'in' } },
    });
    expect(sql.kind).not.toBe('sql');
    expect(plan.join('\n')).toMatch(
      searchUsing(internals.layout.table, indexNameOf(internals, ['_deleted', 'hubId', 'deviceTime', 'id'])),
    );
    expect(plan.join('\n')).not.toMatch(/\bSCAN\b/);
  });

  it('changes since a checkpoint, lookups by id and cleanup use indexes too', async () => {
    const { internals } = await setup();
    const { db } = internals.connection;
    const t = quoteIdent(internals.layout.table);
    const changes = internals.layout.changesIndex.column;
    const planOf = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    // the statements of getChangedDocumentsSince() and of reads by id (doc-cache.ts)
    expect(
      planOf(`SELECT rowid FROM ${t} WHERE ${changes} > ? ORDER BY ${changes} LIMIT ?`, 'x', 10),
    ).toMatch(/SEARCH .* USING COVERING INDEX/);
    expect(
      planOf(`SELECT rowid, id, data FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`, '["a"]'),
    ).toMatch(/SEARCH .* USING INDEX sqlite_autoindex/);
    expect(
      planOf(`SELECT rowid, id, data FROM ${t} WHERE rowid IN (SELECT value FROM json_each(?))`, '[1]'),
    ).toMatch(/SEARCH .* USING INTEGER PRIMARY KEY/);
    expect(
      planOf(`SELECT id FROM ${t} WHERE deleted = 1 AND lwt <= ? ORDER BY lwt LIMIT ?`, 1, 10),
    ).toContain(`${internals.layout.table}/tombstones`);
  });
});
