/**
 * bulkWrite(): the behaviours RxDB's storage suite (rx-storage-implementations.test.ts, ".bulkWrite()")
 * checks, held against this storage, plus our own: 422 for rows the storage cannot index, several writes of
 * one id in one call, and very large batches.
 */
import type { RxDocumentData, RxDocumentWriteData } from 'rxdb';
import {
  createRevision,
  flatCloneDocWithMeta,
  getWrittenDocumentsFromBulkWriteResponse,
  now,
  parseRevision,
  randomToken,
  stripMetaDataFromDocument,
} from 'rxdb';
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_REVISION_2,
  EXAMPLE_REVISION_3,
  EXAMPLE_REVISION_4,
  type TestDoc,
  testDataSchema,
  writeData,
} from './test-support/fixtures.ts';
import { testContext, useTempStorage } from './test-support/temp-storage.ts';

const env = useTempStorage();

describe('bulkWrite()', () => {
  it('writes the document and reports no error', async () => {
    const instance = await env.open<TestDoc>();
    const doc = writeData({ key: 'foobar', value: 'barfoo1' });
    const rows = [{ document: structuredClone(doc) }];
    const response = await instance.bulkWrite(rows, testContext);
    expect(response.error).toEqual([]);
    const [written] = getWrittenDocumentsFromBulkWriteResponse('key', rows, response);
    expect(stripMetaDataFromDocument(written as RxDocumentData<TestDoc>)).toEqual(
      stripMetaDataFromDocument(doc),
    );
    const [found] = await instance.findDocumentsById(['foobar'], false);
    expect(found).toEqual(doc);
  });

  it('returns a 409 carrying the stored document (and nothing else) on a conflicting insert', async () => {
    const instance = await env.open<TestDoc>();
    const doc = writeData({ key: 'foobar' });
    await instance.bulkWrite([{ document: doc }], testContext);
    const response = await instance.bulkWrite([{ document: doc }], testContext);
    const [error] = response.error;
    expect(error?.status).toBe(409);
    expect(error?.documentId).toBe('foobar');
    expect(error?.writeRow.document).toBe(doc);
    const inDb = (error as { documentInDb: RxDocumentData<TestDoc> }).documentInDb;
    expect(inDb).toEqual(doc);
    // no storage-internal fields leak into the conflict's document
    expect(Object.keys(inDb).sort()).toEqual(Object.keys(doc).sort());
  });

  it('never overwrites with a stale _rev: the update is a 409 and the stored document is unchanged', async () => {
    const instance = await env.open<TestDoc>();
    const v1 = writeData({ key: 'k', value: 'one' });
    await instance.bulkWrite([{ document: v1 }], testContext);
    const v2 = { ...v1, value: 'two', _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } };
    expect((await instance.bulkWrite([{ previous: v1, document: v2 }], testContext)).error).toEqual([]);
    // a writer still holding v1 tries again
    const stale = { ...v1, value: 'stale', _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } };
    const response = await instance.bulkWrite([{ previous: v1, document: stale }], testContext);
    expect(response.error[0]?.status).toBe(409);
    expect((response.error[0] as { documentInDb: RxDocumentData<TestDoc> }).documentInDb.value).toBe('two');
    expect((await instance.findDocumentsById(['k'], false))[0]?.value).toBe('two');
  });

  it('when the same document is inserted twice at the same time, the first wins and the second conflicts', async () => {
    const instance = await env.open<TestDoc>();
    const doc = writeData({ key: 'foobar' });
    const [first, second] = await Promise.all([
      instance.bulkWrite([{ document: { ...doc, value: 'first' } }], testContext),
      instance.bulkWrite([{ document: { ...doc, value: 'second' } }], testContext),
    ]);
    expect(first.error).toEqual([]);
    expect(second.error[0]?.status).toBe(409);
    expect(second.error[0]?.writeRow.document.value).toBe('second');
  });

  it('does not find a deleted document with findDocumentsById(ids, false)', async () => {
    const instance = await env.open<TestDoc>();
    const insert = writeData({ key: 'foobar', value: 'barfoo1' });
    await instance.bulkWrite([{ document: insert }], testContext);
    const update = flatCloneDocWithMeta(insert);
    update.value = 'barfoo2';
    update._rev = EXAMPLE_REVISION_2;
    update._meta.lwt = now();
    expect((await instance.bulkWrite([{ previous: insert, document: update }], testContext)).error).toEqual(
      [],
    );
    const deletion = flatCloneDocWithMeta(update);
    deletion._deleted = true;
    deletion._rev = EXAMPLE_REVISION_3;
    deletion._meta.lwt = now();
    expect((await instance.bulkWrite([{ previous: update, document: deletion }], testContext)).error).toEqual(
      [],
    );
    expect(await instance.findDocumentsById(['foobar'], false)).toEqual([]);
    expect((await instance.findDocumentsById(['foobar'], true))[0]?._deleted).toBe(true);
  });

  it('refuses to un-delete without the previous state, accepts it with the previous state', async () => {
    const instance = await env.open<TestDoc>();
    const doc1 = writeData({ key: 'undeleteMe', value: 'barfoo1' });
    await instance.bulkWrite([{ document: doc1 }], testContext);
    const doc2 = { ...doc1, value: 'barfoo2', _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } };
    await instance.bulkWrite([{ previous: doc1, document: doc2 }], testContext);
    const doc3 = { ...doc2, _deleted: true, _rev: EXAMPLE_REVISION_3, _meta: { lwt: now() } };
    await instance.bulkWrite([{ previous: doc2, document: doc3 }], testContext);

    const undelete = {
      ...doc3,
      _deleted: false,
      value: 'aaa',
      _rev: EXAMPLE_REVISION_4,
      _meta: { lwt: now() },
    };
    const refused = await instance.bulkWrite([{ document: undelete }], testContext);
    expect(refused.error[0]?.status).toBe(409);
    const accepted = await instance.bulkWrite([{ previous: doc3, document: undelete }], testContext);
    expect(accepted.error).toEqual([]);
    expect((await instance.findDocumentsById(['undeleteMe'], false))[0]?.value).toBe('aaa');
  });

  it('can update the state of a deleted document (a replicated tombstone changed by the server)', async () => {
    const instance = await env.open<TestDoc>();
    const doc1 = writeData({ key: 'foobar', value: 'barfoo1' });
    await instance.bulkWrite([{ document: doc1 }], testContext);
    const doc2 = { ...doc1, _deleted: true, _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } };
    expect((await instance.bulkWrite([{ previous: doc1, document: doc2 }], testContext)).error).toEqual([]);
    const doc3 = { ...doc2, value: 'barfoo2', _rev: EXAMPLE_REVISION_3, _meta: { lwt: now() } };
    expect((await instance.bulkWrite([{ previous: doc2, document: doc3 }], testContext)).error).toEqual([]);
    const [found] = await instance.findDocumentsById(['foobar'], true);
    expect(found?.value).toBe('barfoo2');
    expect(found?._deleted).toBe(true);
  });

  it('an insert over a deleted document without previous is a 409', async () => {
    const instance = await env.open<TestDoc>();
    const doc = writeData({ key: 'foobar' });
    await instance.bulkWrite([{ document: doc }], testContext);
    const deleted = { ...doc, _deleted: true, _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } };
    await instance.bulkWrite([{ previous: doc, document: deleted }], testContext);
    const response = await instance.bulkWrite([{ document: { ...doc, _meta: { lwt: now() } } }], testContext);
    expect(response.error[0]?.status).toBe(409);
  });

  it('can unset a property', async () => {
    const instance = await env.open<{ key: string; value?: string }>({ schema: testDataSchema() as never });
    const doc = writeData({ key: 'foobar', value: 'barfoo1' });
    await instance.bulkWrite([{ document: doc }], testContext);
    const { value: _dropped, ...rest } = doc;
    const update = { ...rest, _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } };
    expect((await instance.bulkWrite([{ previous: doc, document: update }], testContext)).error).toEqual([]);
    const [found] = await instance.findDocumentsById(['foobar'], false);
    expect(found).toEqual(update);
    expect(found && 'value' in found).toBe(false);
  });

  it('accepts a write that only changes _meta fields', async () => {
    const token = randomToken(10);
    const instance = await env.open<TestDoc>();
    let doc: RxDocumentData<TestDoc> = writeData({ key: 'foobar', _meta: { lwt: now(), foobar: 0 } });
    doc._rev = createRevision(token);
    await instance.bulkWrite([{ document: structuredClone(doc) }], testContext);
    for (const step of [1, 2]) {
      const next = flatCloneDocWithMeta(doc);
      next._meta.foobar = step;
      next._meta.lwt = now();
      next._rev = createRevision(token, doc);
      expect(
        (await instance.bulkWrite([{ previous: doc, document: structuredClone(next) }], testContext)).error,
      ).toEqual([]);
      doc = next;
    }
    const [stored] = await instance.findDocumentsById(['foobar'], true);
    expect(parseRevision(stored?._rev ?? '').height).toBe(3);
    expect(stored?._meta.foobar).toBe(2);
  });

  it('can jump more than one revision height in one write', async () => {
    const instance = await env.open<TestDoc>();
    const doc = writeData({ key: 'foobar' });
    await instance.bulkWrite([{ document: doc }], testContext);
    const updated = { ...doc, value: 'barfoo2', _rev: EXAMPLE_REVISION_4, _meta: { lwt: now() } };
    expect((await instance.bulkWrite([{ previous: doc, document: updated }], testContext)).error).toEqual([]);
    expect((await instance.findDocumentsById(['foobar'], false))[0]?._rev).toBe(EXAMPLE_REVISION_4);
  });

  it('keeps collections of one database apart (same keys in several instances)', async () => {
    const databaseName = `db${randomToken(6)}`;
    const instances = await Promise.all([1, 2, 3].map(() => env.open<TestDoc>({ databaseName })));
    await Promise.all(
      instances.map(async (instance, n) => {
        await Promise.all(
          [0, 1, 2].map((i) =>
            instance.bulkWrite([{ document: writeData({ key: `${i}`, value: `c${n}` }) }], testContext),
          ),
        );
      }),
    );
    for (const [n, instance] of instances.entries()) {
      const docs = await instance.findDocumentsById(['0', '1', '2'], false);
      expect(docs.map((d) => d.value)).toEqual([`c${n}`, `c${n}`, `c${n}`]);
    }
  });

  it('stores and reads non-ASCII text exactly (umlauts, emoji, lone surrogates in values)', async () => {
    const instance = await env.open<TestDoc>({ schema: testDataSchema() });
    const values = ['äöüßé', '😀 emoji', 'lone \uD800 surrogate', '\uFFFF max', 'null\u0000char'];
    await instance.bulkWrite(
      values.map((value, i) => ({ document: writeData({ key: `k${i}äö`, value }) })),
      testContext,
    );
    const found = await instance.findDocumentsById(
      values.map((_v, i) => `k${i}äö`),
      false,
    );
    expect(found.map((d) => d.value)).toEqual(values);
  });

  it('writes and reads back 10 000 documents in one call (no SQLite variable limit)', async () => {
    const instance = await env.open<TestDoc>({ schema: testDataSchema() });
    const rows = Array.from({ length: 10_000 }, () => ({ document: writeData() }));
    expect((await instance.bulkWrite(rows, 'insert-many')).error).toEqual([]);
    const found = await instance.findDocumentsById(
      rows.map((r) => r.document.key),
      false,
    );
    expect(found).toHaveLength(10_000);
  });

  it('gives rows the storage cannot index a 422 and writes the others', async () => {
    const instance = await env.open<TestDoc>();
    const good = writeData({ key: 'good' });
    const badKey = { ...writeData(), key: 42 } as unknown as RxDocumentWriteData<TestDoc>;
    const badMeta = {
      ...writeData({ key: 'badmeta' }),
      _meta: {},
    } as unknown as RxDocumentWriteData<TestDoc>;
    const response = await instance.bulkWrite(
      [{ document: good }, { document: badKey }, { document: badMeta }],
      testContext,
    );
    expect(response.error.map((e) => [e.status, e.documentId])).toEqual([
      [422, '42'],
      [422, 'badmeta'],
    ]);
    expect(await instance.findDocumentsById(['good', 'badmeta'], true)).toHaveLength(1);
  });

  it('handles the same id twice in one call: the second row is judged against the first', async () => {
    const instance = await env.open<TestDoc>();
    const first = writeData({ key: 'twice', value: 'first' });
    const second = { ...first, value: 'second', _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } };
    const ok = await instance.bulkWrite(
      [{ document: first }, { previous: first, document: second }],
      testContext,
    );
    expect(ok.error).toEqual([]);
    expect((await instance.findDocumentsById(['twice'], false))[0]?.value).toBe('second');

    const dup = writeData({ key: 'dup' });
    const conflicting = await instance.bulkWrite(
      [{ document: dup }, { document: { ...dup, value: 'x' } }],
      testContext,
    );
    expect(conflicting.error.map((e) => e.status)).toEqual([409]);
  });
});
