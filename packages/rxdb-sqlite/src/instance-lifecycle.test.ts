/**
 * Creation, close(), remove(), cleanup(), schema versions and several instances on one file in one process:
 * the behaviours of RxDB's storage suite ("creation", ".cleanup", ".close()", ".remove()", "multiInstance",
 * "migration") on this storage, plus reopening a file.
 */
import { existsSync } from 'node:fs';
import type { EventBulk, RxDocumentData, RxStorageChangeEvent } from 'rxdb';
import {
  createRevision,
  flatCloneDocWithMeta,
  getPseudoSchemaForVersion,
  now,
  prepareQuery,
  randomToken,
} from 'rxdb';
import { describe, expect, it } from 'vitest';
import { openConnectionCount } from './connection.ts';
import { databaseFilePath } from './database-file.ts';
import { RxStorageSqliteError } from './errors.ts';
import { getRxStorageBetterSqlite3 } from './storage.ts';
import { EXAMPLE_REVISION_2, type TestDoc, writeData } from './test-support/fixtures.ts';
import { testContext, useTempStorage } from './test-support/temp-storage.ts';

const env = useTempStorage();

describe('creation', () => {
  it('opens and closes, keeps the names it was given, creates <directory>/<databaseName>.sqlite', async () => {
    const databaseName = `db${randomToken(8)}`;
    const collectionName = `col${randomToken(8)}`;
    const instance = await env.open<TestDoc>({ databaseName, collectionName });
    expect(instance.databaseName).toBe(databaseName);
    expect(instance.collectionName).toBe(collectionName);
    expect(existsSync(databaseFilePath(env.dir(), databaseName))).toBe(true);
    await instance.close();
  });

  it('opens many instances on the same database name in parallel, sharing one connection', async () => {
    const before = openConnectionCount();
    const databaseName = `db${randomToken(8)}`;
    const instances = await Promise.all(
      Array.from({ length: 12 }, () => env.open<TestDoc>({ databaseName })),
    );
    expect(openConnectionCount()).toBe(before + 1);
    await Promise.all(instances.map((instance) => instance.remove()));
    expect(openConnectionCount()).toBe(before);
  });

  it('refuses keyCompression (UT5) and encryption (UT6) without their wrappers', async () => {
    const compressed = getPseudoSchemaForVersion<TestDoc>(0, 'key');
    compressed.keyCompression = true;
    await expect(env.open<TestDoc>({ schema: compressed })).rejects.toThrow(/UT5/);
    const encrypted = getPseudoSchemaForVersion<TestDoc>(0, 'key');
    encrypted.encrypted = ['value'];
    await expect(env.open<TestDoc>({ schema: encrypted })).rejects.toThrow(/UT6/);
  });

  it('refuses to reuse a table created with other indexes for the same schema version (RXS7)', async () => {
    const databaseName = `db${randomToken(8)}`;
    const first = await env.open<TestDoc>({ databaseName, collectionName: 'things' });
    await first.close();
    const other = getPseudoSchemaForVersion<TestDoc>(0, 'key');
    other.indexes = [...(other.indexes ?? []), ['_deleted', 'value', 'key']];
    (other.properties.value as { maxLength?: number }).maxLength = 50;
    const error = await env
      .open<TestDoc>({ databaseName, collectionName: 'things', schema: other })
      .catch((e) => e);
    expect(error).toBeInstanceOf(RxStorageSqliteError);
    expect((error as RxStorageSqliteError).code).toBe('RXS7');
    expect(String(error)).toContain(databaseFilePath(env.dir(), databaseName));
  });

  it('requires settings.directory', () => {
    expect(() => getRxStorageBetterSqlite3({} as never)).toThrow(/directory is required/);
  });
});

describe('persistence', () => {
  it('finds documents again after the file was closed and reopened by a new storage object', async () => {
    const databaseName = `db${randomToken(8)}`;
    const first = await env.open<TestDoc>({ databaseName, collectionName: 'c' });
    await first.bulkWrite([{ document: writeData({ key: 'kept', value: 'v' }) }], testContext);
    await first.close();
    const storage = getRxStorageBetterSqlite3({ directory: env.dir() });
    const again = await env.open<TestDoc>({ databaseName, collectionName: 'c', storage });
    expect((await again.findDocumentsById(['kept'], false))[0]?.value).toBe('v');
  });

  it("keeps ':memory:' databases per name while one instance is open", async () => {
    const storage = getRxStorageBetterSqlite3({ directory: ':memory:' });
    const a = await env.open<TestDoc>({ storage, databaseName: 'm1', collectionName: 'c' });
    const b = await env.open<TestDoc>({ storage, databaseName: 'm1', collectionName: 'c' });
    const other = await env.open<TestDoc>({ storage, databaseName: 'm2', collectionName: 'c' });
    await a.bulkWrite([{ document: writeData({ key: 'x' }) }], testContext);
    expect(await b.findDocumentsById(['x'], false)).toHaveLength(1);
    expect(await other.findDocumentsById(['x'], false)).toHaveLength(0);
    await a.close();
    await b.close();
    const c = await env.open<TestDoc>({ storage, databaseName: 'm1', collectionName: 'c' });
    expect(await c.findDocumentsById(['x'], false)).toHaveLength(0);
  });
});

describe('cleanup()', () => {
  it('purges tombstones older than minimumDeletedTime only, and returns true when done', async () => {
    const instance = await env.open<TestDoc>();
    while (!(await instance.cleanup(0))) {
      /* RxDB calls it until it is done */
    }
    await instance.bulkWrite([{ document: writeData({ key: 'nonDeleted' }) }], testContext);
    const doc = writeData({ key: 'foobar' });
    await instance.bulkWrite([{ document: doc }], testContext);
    const response = await instance.bulkWrite(
      [
        {
          previous: doc,
          document: { ...doc, _rev: EXAMPLE_REVISION_2, _deleted: true, _meta: { lwt: now() } },
        },
      ],
      testContext,
    );
    expect(response.error).toEqual([]);

    while (!(await instance.cleanup(1000 * 60 * 6))) {
      /* not old enough */
    }
    expect((await instance.findDocumentsById(['foobar'], true))[0]?._deleted).toBe(true);

    while (!(await instance.cleanup(0))) {
      /* old enough now */
    }
    expect(await instance.findDocumentsById(['foobar'], true)).toEqual([]);
    expect(await instance.findDocumentsById(['nonDeleted'], true)).toHaveLength(1);
  });

  it('purges in batches: returns false while tombstones remain', async () => {
    const instance = await env.open<TestDoc>();
    const docs = Array.from({ length: 10_050 }, () => writeData());
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      testContext,
    );
    await instance.bulkWrite(
      docs.map((doc) => ({
        previous: doc,
        document: { ...doc, _deleted: true, _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } },
      })),
      testContext,
    );
    expect(await instance.cleanup(0)).toBe(false);
    expect(await instance.cleanup(0)).toBe(true);
    const all = prepareQuery(instance.schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 });
    expect((await instance.count(all)).count).toBe(0);
  });
});

describe('close() and remove()', () => {
  it('can be closed several times at once', async () => {
    const instance = await env.open<TestDoc>();
    await Promise.all([instance.close(), instance.close()]);
  });

  it('remove() deletes all data of the collection; a new instance starts empty', async () => {
    const databaseName = `db${randomToken(8)}`;
    const collectionName = `col${randomToken(8)}`;
    const instance = await env.open<TestDoc>({ databaseName, collectionName });
    await instance.bulkWrite([{ document: writeData({ key: 'foobar' }) }], testContext);
    await instance.remove();
    const again = await env.open<TestDoc>({ databaseName, collectionName });
    expect(await again.findDocumentsById(['foobar'], true)).toEqual([]);
  });

  it('remove() after close() throws; close() after remove() does not', async () => {
    const closed = await env.open<TestDoc>();
    await closed.close();
    await expect(closed.remove()).rejects.toThrow(/RXS6|closed/);
    const removed = await env.open<TestDoc>();
    await removed.remove();
    await removed.close();
  });

  it('every method of a closed instance rejects with RXS6 naming the file', async () => {
    const instance = await env.open<TestDoc>();
    await instance.close();
    const all = prepareQuery(instance.schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 });
    for (const call of [
      () => instance.bulkWrite([{ document: writeData() }], testContext),
      () => instance.findDocumentsById(['x'], true),
      () => instance.query(all),
      () => instance.count(all),
      () => instance.cleanup(0),
      () => instance.getAttachmentData('a', 'b', 'c'),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'RXS6', parameters: { path: expect.any(String) } });
    }
  });
});

describe('several instances of one collection in one process', () => {
  async function pair() {
    const databaseName = `db${randomToken(8)}`;
    const collectionName = `col${randomToken(8)}`;
    const a = await env.open<TestDoc>({ databaseName, collectionName, multiInstance: true });
    const b = await env.open<TestDoc>({ databaseName, collectionName, multiInstance: true });
    return { a, b };
  }

  it('each sees the writes of the other at once', async () => {
    const { a, b } = await pair();
    await a.bulkWrite([{ document: writeData({ key: 'a' }) }], testContext);
    await b.bulkWrite([{ document: writeData({ key: 'b' }) }], testContext);
    expect(await a.findDocumentsById(['a', 'b'], true)).toHaveLength(2);
    expect(await b.findDocumentsById(['a', 'b'], true)).toHaveLength(2);
  });

  it('each emits the events of the other’s writes (INSERT then UPDATE on both sides)', async () => {
    type Bulk = EventBulk<RxStorageChangeEvent<RxDocumentData<TestDoc>>, unknown>;
    const { a, b } = await pair();
    const onA: Bulk[] = [];
    const onB: Bulk[] = [];
    const subs = [
      a.changeStream().subscribe((x) => onA.push(x as Bulk)),
      b.changeStream().subscribe((x) => onB.push(x as Bulk)),
    ];
    const doc = writeData();
    await a.bulkWrite([{ document: doc }], testContext);
    const found = (
      await b.query(prepareQuery(b.schema, { selector: {}, limit: 1, sort: [{ key: 'asc' }], skip: 0 }))
    ).documents[0] as RxDocumentData<TestDoc>;
    const update = flatCloneDocWithMeta(found);
    update.value = 'updatedB';
    update._rev = createRevision(randomToken(10), found);
    expect((await b.bulkWrite([{ previous: found, document: update }], testContext)).error).toEqual([]);
    expect((await a.findDocumentsById([doc.key], false))[0]?.value).toBe('updatedB');
    for (const emitted of [onA, onB]) {
      expect(emitted.map((bulk) => bulk.events[0]?.operation)).toEqual(['INSERT', 'UPDATE']);
    }
    for (const sub of subs) sub.unsubscribe();
  });

  it('a query on one still resolves when the other is closed meanwhile', async () => {
    const { a, b } = await pair();
    await a.bulkWrite([{ document: writeData() }], testContext);
    const all = prepareQuery(b.schema, { selector: {}, limit: 1, sort: [{ key: 'asc' }], skip: 0 });
    const pending = b.query(all);
    void a.close();
    expect((await pending).documents).toHaveLength(1);
  });

  it('does not mix documents of different schema versions or different database names', async () => {
    const databaseName = `db${randomToken(8)}`;
    const v0 = await env.open<TestDoc>({ databaseName, collectionName: 'same' });
    const v1 = await env.open<TestDoc>({
      databaseName,
      collectionName: 'same',
      schema: getPseudoSchemaForVersion<TestDoc>(1, 'key'),
    });
    const elsewhere = await env.open<TestDoc>({ collectionName: 'same' });
    await v0.bulkWrite([{ document: writeData({ key: 'foobar0', value: '0' }) }], testContext);
    await v1.bulkWrite([{ document: writeData({ key: 'foobar1', value: '1' }) }], testContext);
    const all = { selector: {}, sort: [{ key: 'asc' as const }], skip: 0 };
    expect((await v0.query(prepareQuery(v0.schema, all))).documents.map((d) => d.value)).toEqual(['0']);
    expect((await v1.query(prepareQuery(v1.schema, all))).documents.map((d) => d.value)).toEqual(['1']);
    expect((await elsewhere.query(prepareQuery(elsewhere.schema, all))).documents).toEqual([]);
  });
});
