/**
 * Attachments: RxDB's storage suite ("attachments") on this storage, plus RxDB's attachments plugin on a
 * real RxDatabase and persistence of attachment bytes across a reopen.
 */
import type { RxAttachmentWriteData, RxDocumentData, RxDocumentWriteData, RxJsonSchema } from 'rxdb';
import {
  addRxPlugin,
  createBlob,
  createRxDatabase,
  defaultHashSha256,
  getChangedDocumentsSince,
  getPseudoSchemaForVersion,
  getSingleDocument,
  getWrittenDocumentsFromBulkWriteResponse,
  now,
  prepareQuery,
  randomToken,
  stripAttachmentsDataFromDocument,
  writeSingle,
} from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { describe, expect, it } from 'vitest';
import { getRxStorageBetterSqlite3 } from './storage.ts';
import { EXAMPLE_REVISION_1, EXAMPLE_REVISION_2, type TestDoc } from './test-support/fixtures.ts';
import { testContext, useTempStorage } from './test-support/temp-storage.ts';

addRxPlugin(RxDBAttachmentsPlugin);

const env = useTempStorage();

function attachmentSchema(): RxJsonSchema<RxDocumentData<TestDoc>> {
  return { ...getPseudoSchemaForVersion<TestDoc>(0, 'key'), attachments: {} };
}

async function attachment(text: string): Promise<RxAttachmentWriteData> {
  const data = createBlob(text, 'text/plain');
  return {
    length: data.size,
    data,
    type: 'text/plain',
    digest: await defaultHashSha256(data),
  };
}

function docWith(attachments: Record<string, RxAttachmentWriteData>): RxDocumentWriteData<TestDoc> {
  return {
    key: 'foobar',
    value: 'one',
    _rev: EXAMPLE_REVISION_1,
    _deleted: false,
    _meta: { lwt: now() },
    _attachments: attachments,
  };
}

describe('attachments', () => {
  it('stores an attachment and returns its bytes as a Blob of the right type', async () => {
    const instance = await env.open<TestDoc>({ schema: attachmentSchema() });
    const foo = await attachment('a'.repeat(20));
    const written = await writeSingle<TestDoc>(instance, { document: docWith({ foo }) }, testContext);
    expect((written._attachments.foo as Partial<RxAttachmentWriteData>).data).toBeUndefined();
    expect(written._attachments.foo?.digest.length).toBeGreaterThan(3);
    const blob = await instance.getAttachmentData('foobar', 'foo', written._attachments.foo?.digest ?? '');
    expect(blob.type).toBe('text/plain');
    expect(await blob.text()).toBe('a'.repeat(20));
  });

  it('returns attachment metadata (never data) from every read path and in events', async () => {
    const instance = await env.open<TestDoc>({ schema: attachmentSchema() });
    const events: unknown[] = [];
    const sub = instance.changeStream().subscribe((bulk) => events.push(...bulk.events));
    const foo = await attachment('a'.repeat(20));
    const written = await writeSingle<TestDoc>(instance, { document: docWith({ foo }) }, testContext);
    expect(written._attachments.foo?.type).toBe('text/plain');

    const stored = await getSingleDocument(instance, 'foobar');
    expect(stored?._attachments.foo).toEqual({ length: 20, digest: foo.digest, type: 'text/plain' });
    const viaQuery = await instance.query(
      prepareQuery(instance.schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 }),
    );
    expect(viaQuery.documents[0]?._attachments.foo).toEqual(stored?._attachments.foo);
    const event = events[0] as { documentData: RxDocumentData<TestDoc> };
    expect(event.documentData._attachments.foo).toEqual(stored?._attachments.foo);
    const changes = await getChangedDocumentsSince(instance, 1000);
    expect(changes.documents[0]?.key).toBe('foobar');
    sub.unsubscribe();
  });

  it('adds attachments one per write, and replaces one whose data changed', async () => {
    const instance = await env.open<TestDoc>({ schema: attachmentSchema() });
    const first = await writeSingle<TestDoc>(
      instance,
      { document: docWith({ foo: await attachment('one') }) },
      testContext,
    );
    const bar = await attachment('two');
    const second = await writeSingle<TestDoc>(
      instance,
      {
        previous: first,
        document: { ...docWith({ ...first._attachments, bar } as never), _rev: EXAMPLE_REVISION_2 },
      },
      testContext,
    );
    expect(Object.keys(second._attachments).sort()).toEqual(['bar', 'foo']);
    const foo2 = await attachment('one, changed');
    const third = await writeSingle<TestDoc>(
      instance,
      { previous: second, document: { ...docWith({ foo: foo2, bar }), _rev: '3-c' } },
      testContext,
    );
    expect(await (await instance.getAttachmentData('foobar', 'foo', foo2.digest)).text()).toBe(
      'one, changed',
    );
    expect(third._attachments.foo?.digest).toBe(foo2.digest);
  });

  it('a deleted document loses all attachments', async () => {
    const instance = await env.open<TestDoc>({ schema: attachmentSchema() });
    const rows = [{ document: docWith({ foo: await attachment(randomToken(20)) }) }];
    const response = await instance.bulkWrite(rows, testContext);
    const [written] = getWrittenDocumentsFromBulkWriteResponse('key', rows, response);
    if (!written) throw new Error('not written');
    const digest = written._attachments.foo?.digest ?? '';
    await instance.getAttachmentData('foobar', 'foo', digest);
    await instance.bulkWrite(
      [
        {
          previous: stripAttachmentsDataFromDocument(written),
          document: {
            ...written,
            _deleted: true,
            _attachments: {},
            _rev: EXAMPLE_REVISION_2,
            _meta: { lwt: now() },
          },
        },
      ],
      testContext,
    );
    await expect(instance.getAttachmentData('foobar', 'foo', digest)).rejects.toMatchObject({ code: 'RXS8' });
  });

  it('answers a missing attachment or a wrong digest with RXS8', async () => {
    const instance = await env.open<TestDoc>({ schema: attachmentSchema() });
    const foo = await attachment('x');
    await writeSingle<TestDoc>(instance, { document: docWith({ foo }) }, testContext);
    await expect(instance.getAttachmentData('foobar', 'nope', foo.digest)).rejects.toMatchObject({
      code: 'RXS8',
    });
    await expect(instance.getAttachmentData('foobar', 'foo', 'wrong')).rejects.toMatchObject({
      code: 'RXS8',
    });
  });

  it('reports an attachment without data on insert as a 510 and writes nothing of it', async () => {
    const instance = await env.open<TestDoc>({ schema: attachmentSchema() });
    const { data: _data, ...noData } = await attachment('x');
    const response = await instance.bulkWrite([{ document: docWith({ foo: noData as never }) }], testContext);
    expect(response.error[0]?.status).toBe(510);
    expect(await instance.findDocumentsById(['foobar'], true)).toEqual([]);
  });

  it('loads many attachments of several collections in parallel', async () => {
    const databaseName = `db${randomToken(8)}`;
    const instances = await Promise.all(
      [0, 1, 2].map((i) =>
        env.open<TestDoc>({ databaseName, collectionName: `collection${i}`, schema: attachmentSchema() }),
      ),
    );
    const loads: Promise<Blob>[] = [];
    for (const instance of instances) {
      const written = await Promise.all(
        [0, 1, 2].map(async (docId) => {
          const attachments: Record<string, RxAttachmentWriteData> = {};
          for (const id of ['0', '1', '2']) attachments[id] = await attachment(randomToken(200));
          return writeSingle<TestDoc>(
            instance,
            { document: { ...docWith(attachments), key: `${docId}` } },
            testContext,
          );
        }),
      );
      for (const doc of written) {
        for (const [id, meta] of Object.entries(doc._attachments)) {
          loads.push(instance.getAttachmentData(doc.key, id, meta.digest));
        }
      }
    }
    const blobs = await Promise.all(loads);
    expect(blobs).toHaveLength(27);
    expect(blobs.every((blob) => blob.size === 200)).toBe(true);
  });

  it('works with RxDB’s attachments plugin on a database, across a reopen', async () => {
    const name = `att${randomToken(6)}`;
    const schema = {
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 20 } },
      required: ['id'],
      attachments: {},
    } as const;
    const open = async () => {
      const db = await createRxDatabase({
        name,
        storage: getRxStorageBetterSqlite3({ directory: env.dir() }),
        multiInstance: false,
      });
      const { posters } = await db.addCollections({ posters: { schema } });
      return { db, posters };
    };
    const first = await open();
    try {
      const doc = await first.posters.insert({ id: 'p1' });
      await doc.putAttachment({
        id: 'image.png',
        data: createBlob('PNG-bytes', 'image/png'),
        type: 'image/png',
      });
    } finally {
      await first.db.close();
    }
    const again = await open();
    try {
      const doc = await again.posters.findOne('p1').exec(true);
      const stored = doc.getAttachment('image.png');
      expect(stored?.type).toBe('image/png');
      expect(await (await stored?.getData())?.text()).toBe('PNG-bytes');
    } finally {
      await again.db.close();
    }
  });
});
