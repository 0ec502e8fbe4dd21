/**
 * The settings do what the README says: durability 'full' is WAL + synchronous=FULL (also after a new
 * collection was created, which briefly uses NORMAL), 'normal' is WAL + NORMAL; the change log is pruned
 * after `changeLogRetention`; `documentCacheSize: 0` turns the cache off without changing any answer; the
 * cache survives a reopen of an unchanged file and never applies to another file at the same path.
 */

import { rmSync } from 'node:fs';
import { getPseudoSchemaForVersion, prepareQuery, randomToken } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { statement } from './connection.ts';
import { databaseFilePath } from './database-file.ts';
import { getRxStorageBetterSqlite3 } from './storage.ts';
import { type TestDoc, writeData } from './test-support/fixtures.ts';
import { testContext, useTempStorage } from './test-support/temp-storage.ts';
import type { BetterSqlite3Internals } from './types.ts';

const env = useTempStorage();

function pragmas(instance: { internals: unknown }) {
  const { db } = (instance.internals as BetterSqlite3Internals).connection;
  return {
    journal: db.pragma('journal_mode', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }),
  };
}

describe('settings', () => {
  it("durability 'full' (default): WAL and synchronous=FULL, also after creating collections", async () => {
    const databaseName = `d${randomToken(6)}`;
    const first = await env.open<TestDoc>({ databaseName });
    await env.open<TestDoc>({ databaseName, collectionName: 'another' });
    expect(pragmas(first)).toEqual({ journal: 'wal', synchronous: 2 });
  });

  it("durability 'normal': WAL and synchronous=NORMAL", async () => {
    const storage = getRxStorageBetterSqlite3({ directory: env.dir(), durability: 'normal' });
    const instance = await env.open<TestDoc>({ storage });
    expect(pragmas(instance)).toEqual({ journal: 'wal', synchronous: 1 });
  });

  it('prunes change-log entries older than changeLogRetention', async () => {
    const storage = getRxStorageBetterSqlite3({ directory: env.dir(), changeLogRetention: 0 });
    const instance = await env.open<TestDoc>({ storage, multiInstance: true });
    for (let i = 0; i < 300; i++) {
      await instance.bulkWrite([{ document: writeData() }], testContext);
    }
    const connection = (instance.internals as BetterSqlite3Internals).connection;
    const logged = Number(statement(connection, 'SELECT count(*) FROM _rxdb_changes', 'pluck').get());
    expect(logged).toBeLessThan(256);
    expect(logged).toBeGreaterThan(0);
  });

  it('writes no change log for instances opened with multiInstance: false', async () => {
    const instance = await env.open<TestDoc>({ multiInstance: false });
    await instance.bulkWrite([{ document: writeData() }], testContext);
    const connection = (instance.internals as BetterSqlite3Internals).connection;
    expect(Number(statement(connection, 'SELECT count(*) FROM _rxdb_changes', 'pluck').get())).toBe(0);
  });

  it('documentCacheSize: 0 keeps nothing in memory and gives the same answers', async () => {
    const storage = getRxStorageBetterSqlite3({ directory: env.dir(), documentCacheSize: 0 });
    const instance = await env.open<TestDoc>({
      storage,
      schema: getPseudoSchemaForVersion<TestDoc>(0, 'key'),
    });
    await instance.bulkWrite(
      ['b', 'a', 'c'].map((key) => ({ document: writeData({ key }) })),
      testContext,
    );
    const all = prepareQuery(instance.schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 });
    expect((await instance.query(all)).documents.map((d) => d.key)).toEqual(['a', 'b', 'c']);
    expect((await instance.findDocumentsById(['c', 'a'], false)).map((d) => d.key)).toEqual(['c', 'a']);
    expect((instance.internals as BetterSqlite3Internals).connection.docCaches.size).toBe(0);
  });

  it('keeps the document cache of an unchanged file across close and reopen, never for another file', async () => {
    const databaseName = `c${randomToken(6)}`;
    const first = await env.open<TestDoc>({ databaseName, collectionName: 'c' });
    await first.bulkWrite([{ document: writeData({ key: 'a', value: 'one' }) }], testContext);
    await first.close();

    const again = await env.open<TestDoc>({ databaseName, collectionName: 'c' });
    const internals = again.internals as BetterSqlite3Internals;
    expect(internals.connection.docCaches.get(internals.layout.table)?.docs.has('a')).toBe(true);
    expect((await again.findDocumentsById(['a'], false))[0]?.value).toBe('one');
    await again.close();

    // the same path, but a new file with the same number of writes: nothing of the old cache is used
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(`${databaseFilePath(env.dir(), databaseName)}${suffix}`, { force: true });
    const fresh = await env.open<TestDoc>({ databaseName, collectionName: 'c' });
    await fresh.bulkWrite([{ document: writeData({ key: 'b', value: 'two' }) }], testContext);
    expect(await fresh.findDocumentsById(['a'], true)).toEqual([]);
    expect((await fresh.findDocumentsById(['b'], false))[0]?.value).toBe('two');
  });

  it('keeps the document cache within documentCacheSize', async () => {
    const storage = getRxStorageBetterSqlite3({ directory: env.dir(), documentCacheSize: 100 });
    const instance = await env.open<TestDoc>({ storage });
    await instance.bulkWrite(
      Array.from({ length: 500 }, () => ({ document: writeData() })),
      testContext,
    );
    const { docCaches } = (instance.internals as BetterSqlite3Internals).connection;
    for (const cache of docCaches.values()) expect(cache.docs.size).toBeLessThanOrEqual(100);
    const all = prepareQuery(instance.schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 });
    expect((await instance.query(all)).documents).toHaveLength(500);
  });
});
