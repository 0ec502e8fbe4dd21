/**
 * getChangedDocumentsSince() (the checkpoints replication relies on) and changeStream(), as RxDB's storage
 * suite checks them, and our native getChangedDocumentsSince() against RxDB's query-based default.
 */
import type { EventBulk, RxDocumentData, RxStorageChangeEvent, RxStorageDefaultCheckpoint } from 'rxdb';
import {
  createRevision,
  flattenEvents,
  getChangedDocumentsSince,
  getChangedDocumentsSinceQuery,
  lastOfArray,
  now,
  parseRevision,
  prepareQuery,
  randomToken,
  stackCheckpoints,
} from 'rxdb';
import { filter, map } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_REVISION_1,
  EXAMPLE_REVISION_2,
  EXAMPLE_REVISION_3,
  type TestDoc,
  testDataSchema,
  writeData,
} from './test-support/fixtures.ts';
import { testContext, useTempStorage } from './test-support/temp-storage.ts';

const env = useTempStorage();

type Bulk = EventBulk<RxStorageChangeEvent<RxDocumentData<TestDoc>>, RxStorageDefaultCheckpoint>;

describe('getChangedDocumentsSince()', () => {
  it('returns the latest change and hands back the same checkpoint when nothing changed', async () => {
    const instance = await env.open<{ key: string }>();
    let checkpoint: RxStorageDefaultCheckpoint | undefined;
    const changes = async () => {
      const result = await getChangedDocumentsSince(instance, 10, checkpoint);
      if (result.documents.length > 0) checkpoint = result.checkpoint;
      return result.documents;
    };
    expect(await changes()).toEqual([]);
    const doc1 = {
      key: 'foobar',
      _deleted: false,
      _attachments: {},
      _rev: EXAMPLE_REVISION_1,
      _meta: { lwt: now() },
    };
    await instance.bulkWrite([{ document: doc1 }], testContext);
    expect((await changes()).map((d) => d.key)).toEqual(['foobar']);

    const same = await getChangedDocumentsSince(instance, 10, checkpoint);
    expect(same.documents).toEqual([]);
    expect(same.checkpoint).toEqual(checkpoint);

    await instance.bulkWrite(
      [
        {
          previous: doc1,
          document: { ...doc1, _deleted: true, _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } },
        },
      ],
      testContext,
    );
    const afterDelete = await changes();
    expect(afterDelete.map((d) => [d.key, d._deleted])).toEqual([['foobar', true]]);
    const total = await getChangedDocumentsSince(instance, 100);
    expect(total.documents.map((d) => [d.key, d._deleted])).toEqual([['foobar', true]]);
  });

  it('returns the right amount of documents, page by page', async () => {
    const token = randomToken(10);
    const instance = await env.open<TestDoc>({ schema: testDataSchema() });
    let previous = writeData({ key: 'foobar', value: '0' });
    await instance.bulkWrite([{ document: previous }, { document: writeData() }], testContext);
    for (let t = 1; t <= 10; t++) {
      const next = { ...structuredClone(previous), value: `${t}`, _rev: createRevision(token, previous) };
      next._meta.lwt = now();
      expect((await instance.bulkWrite([{ previous, document: next }], testContext)).error).toEqual([]);
      previous = next;
    }
    const both = await getChangedDocumentsSince(instance, 10);
    expect(both.documents).toHaveLength(2);
    expect(both.documents.find((d) => d.key === 'foobar')?.value).toBe('10');

    await instance.bulkWrite(
      Array.from({ length: 10 }, () => ({ document: writeData() })),
      testContext,
    );
    expect((await getChangedDocumentsSince(instance, 100)).documents).toHaveLength(12);
    const first = await getChangedDocumentsSince(instance, 5);
    const second = await getChangedDocumentsSince(instance, 5, first.checkpoint);
    const third = await getChangedDocumentsSince(instance, 5, second.checkpoint);
    expect(first.documents.length + second.documents.length + third.documents.length).toBe(12);
    expect((await getChangedDocumentsSince(instance, 5, third.checkpoint)).documents).toEqual([]);

    const deletion = { ...structuredClone(previous), _deleted: true, _rev: createRevision(token, previous) };
    deletion._meta.lwt = now();
    await instance.bulkWrite([{ previous, document: deletion }], testContext);
    const afterDelete = await getChangedDocumentsSince(instance, 5, third.checkpoint);
    expect(afterDelete.documents.map((d) => d._deleted)).toEqual([true]);
  });

  it('iterates over all checkpoints while writes keep coming', async () => {
    const instance = await env.open<TestDoc>({ schema: testDataSchema() });
    const writeAmount = 90;
    const batch = () => Array.from({ length: writeAmount / 5 }, () => ({ document: writeData() }));
    await instance.bulkWrite(batch(), testContext);
    let written = writeAmount / 5;
    let checkpoint: RxStorageDefaultCheckpoint | undefined;
    const seen = new Map<string, RxDocumentData<TestDoc>>();
    let fetches = 0;
    while (seen.size < writeAmount) {
      fetches++;
      const result = await getChangedDocumentsSince(instance, writeAmount / 10, checkpoint);
      for (const doc of result.documents) seen.set(doc.key, doc);
      checkpoint = result.checkpoint;
      if (written < writeAmount) {
        await instance.bulkWrite(batch(), testContext);
        written += writeAmount / 5;
      }
    }
    expect(fetches).toBe(10);
    expect(seen.size).toBe(writeAmount);
  });

  it('gives the same pages as RxDB’s query-based default, including documents sharing one lwt', async () => {
    const instance = await env.open<TestDoc>({ schema: testDataSchema() });
    const lwt = now();
    // many documents with the very same lwt: the id decides their order
    await instance.bulkWrite(
      Array.from({ length: 40 }, (_v, i) => ({
        document: writeData({ key: `k${(i * 7) % 40}`, _meta: { lwt: i < 30 ? lwt : lwt + i } }),
      })),
      testContext,
    );
    let ours: RxStorageDefaultCheckpoint | undefined;
    let theirs: RxStorageDefaultCheckpoint | undefined;
    for (let page = 0; page < 6; page++) {
      const native = await getChangedDocumentsSince(instance, 7, ours);
      const viaQuery = await instance.query(
        prepareQuery(instance.schema, getChangedDocumentsSinceQuery(instance, 7, theirs)),
      );
      expect(native.documents.map((d) => d.key)).toEqual(viaQuery.documents.map((d) => d.key));
      ours = native.checkpoint;
      const last = lastOfArray(viaQuery.documents);
      theirs = last ? { id: last.key, lwt: last._meta.lwt } : theirs;
    }
  });
});

describe('a clock set back', () => {
  const DAYS_2 = 2 * 86_400_000;

  it('stores a write stamped before the newest document just after it, so no checkpoint taken before misses it', async () => {
    const instance = await env.open<TestDoc>({ schema: testDataSchema() });
    const first = writeData({ key: 'first' });
    await instance.bulkWrite([{ document: first }], testContext);
    const { checkpoint } = await getChangedDocumentsSince(instance, 10, undefined);
    const emitted: Bulk[] = [];
    const sub = instance.changeStream().subscribe((bulk) => emitted.push(bulk as Bulk));

    // the process restarted with its clock two days back: RxDB stamps the next writes two days earlier
    const early = writeData({ key: 'early', _meta: { lwt: first._meta.lwt - DAYS_2 } });
    const update = {
      ...first,
      value: 'changed',
      _rev: EXAMPLE_REVISION_2,
      _meta: { lwt: first._meta.lwt - DAYS_2 },
    };
    const result = await instance.bulkWrite(
      [{ document: early }, { previous: first, document: update }],
      testContext,
    );
    sub.unsubscribe();
    expect(result.error).toEqual([]);

    const since = await getChangedDocumentsSince(instance, 10, checkpoint);
    expect(since.documents.map((d) => d.key).sort()).toEqual(['early', 'first']);
    const stored = await instance.findDocumentsById(['early', 'first'], false);
    for (const doc of stored) expect(doc._meta.lwt).toBeGreaterThan(first._meta.lwt);
    // what RxDB hears is what was stored, and the input rows were copied, not changed
    expect(emitted.flatMap((b) => b.events.map((e) => e.documentData._meta.lwt))).toEqual(
      stored.map((d) => d._meta.lwt),
    );
    expect(early._meta.lwt).toBe(first._meta.lwt - DAYS_2);

    // later writes with the clock still behind keep coming after these
    const later = writeData({ key: 'later', _meta: { lwt: first._meta.lwt - DAYS_2 + 5 } });
    await instance.bulkWrite([{ document: later }], testContext);
    const after = await getChangedDocumentsSince(instance, 10, since.checkpoint);
    expect(after.documents.map((d) => d.key)).toEqual(['later']);
  });

  it('keeps that floor when cleanup() purges the newest document', async () => {
    const instance = await env.open<TestDoc>({ schema: testDataSchema() });
    const doc = writeData({ key: 'gone' });
    await instance.bulkWrite([{ document: doc }], testContext);
    const tombstone = { ...doc, _deleted: true, _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } };
    await instance.bulkWrite([{ previous: doc, document: tombstone }], testContext);
    const { checkpoint } = await getChangedDocumentsSince(instance, 10, undefined);
    while (!(await instance.cleanup(0))) {
      /* until done */
    }
    expect(await instance.findDocumentsById(['gone'], true)).toEqual([]);

    const early = writeData({ key: 'early', _meta: { lwt: tombstone._meta.lwt - DAYS_2 } });
    await instance.bulkWrite([{ document: early }], testContext);
    const since = await getChangedDocumentsSince(instance, 10, checkpoint);
    expect(since.documents.map((d) => d.key)).toEqual(['early']);
  });
});

describe('changeStream()', () => {
  it('emits exactly one bulk per write, before bulkWrite() resolves, with a checkpoint that covers it', async () => {
    const instance = await env.open<TestDoc>();
    const emitted: Bulk[] = [];
    const sub = instance
      .changeStream()
      .pipe(
        map((x) => x),
        filter(() => true),
      )
      .subscribe((bulk) => emitted.push(bulk as Bulk));
    const context = randomToken();
    await instance.bulkWrite([{ document: writeData({ key: 'foobar', value: 'one' }) }], context);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]?.events).toHaveLength(1);
    expect(emitted[0]?.events[0]?.documentData._meta.lwt).toBeTruthy();
    expect(emitted[0]?.checkpoint).toBeTruthy();

    await instance.bulkWrite(
      Array.from({ length: 10 }, () => ({ document: writeData() })),
      context,
    );
    expect(lastOfArray(emitted)?.context).toBe(context);
    const checkpoint = stackCheckpoints(emitted.map((bulk) => bulk.checkpoint));
    expect((await getChangedDocumentsSince(instance, 100, checkpoint)).documents).toEqual([]);
    sub.unsubscribe();
  });

  it('emits INSERT, UPDATE, DELETE with the previous state, without mutating the input', async () => {
    const instance = await env.open<TestDoc>();
    const emitted: Bulk[] = [];
    const sub = instance.changeStream().subscribe((bulk) => emitted.push(bulk as Bulk));
    const doc = writeData({ key: 'foobar', value: 'one' });
    await instance.bulkWrite([{ document: doc }], testContext);
    const before = structuredClone(doc);
    const doc2 = { ...doc, _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } };
    await instance.bulkWrite([{ previous: doc, document: doc2 }], testContext);
    expect(doc).toEqual(before);
    const response = await instance.bulkWrite(
      [
        {
          previous: doc2,
          document: { ...doc, _rev: EXAMPLE_REVISION_3, _deleted: true, _meta: { lwt: now() } },
        },
      ],
      testContext,
    );
    expect(response.error).toEqual([]);
    const events = flattenEvents(emitted);
    expect(events.map((e) => e.operation)).toEqual(['INSERT', 'UPDATE', 'DELETE']);
    const last = lastOfArray(events);
    expect(parseRevision(last?.previousDocumentData?._rev ?? '').height).toBe(2);
    sub.unsubscribe();
  });

  it('does not emit an empty bulk when the write had only errors', async () => {
    const instance = await env.open<TestDoc>();
    const emitted: Bulk[] = [];
    const sub = instance.changeStream().subscribe((bulk) => emitted.push(bulk as Bulk));
    const doc = writeData({ key: 'foobar' });
    expect((await instance.bulkWrite([{ document: doc }], testContext)).error).toEqual([]);
    expect((await instance.bulkWrite([{ document: doc }], testContext)).error).toHaveLength(1);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]?.events).toHaveLength(1);
    sub.unsubscribe();
  });
});
