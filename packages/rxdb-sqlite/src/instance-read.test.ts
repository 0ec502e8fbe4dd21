/**
 * query(), count(), findDocumentsById(): the behaviours of RxDB's storage suite (".query()", ".count()",
 * ".findDocumentsById()", ".getSortComparator()", ".getQueryMatcher()", ".prepareQuery()") on this storage.
 */
import type { FilledMangoQuery, RxDocumentData } from 'rxdb';
import {
  deepFreeze,
  getQueryMatcher,
  getSortComparator,
  getWrittenDocumentsFromBulkWriteResponse,
  now,
  prepareQuery,
  randomToken,
  shuffleArray,
  stripMetaDataFromDocument,
} from 'rxdb';
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_REVISION_2,
  type NestedDoc,
  nestedDocSchema,
  type RandomDoc,
  randomDocSchema,
  type TestDoc,
  testDataSchema,
  writeData,
} from './test-support/fixtures.ts';
import { testContext, useTempStorage } from './test-support/temp-storage.ts';

const env = useTempStorage();

describe('query()', () => {
  it('finds all documents, in sort order', async () => {
    const instance = await env.open<TestDoc>();
    await instance.bulkWrite([{ document: writeData({ key: 'foobar2', value: 'barfoo2' }) }], testContext);
    await instance.bulkWrite([{ document: writeData({ key: 'foobar', value: 'barfoo' }) }], testContext);
    const result = await instance.query(
      prepareQuery(instance.schema, { selector: { _deleted: false }, sort: [{ key: 'asc' }], skip: 0 }),
    );
    expect(result.documents.map((d) => d.value)).toEqual(['barfoo', 'barfoo2']);
  });

  it('sorts descending on an indexed field', async () => {
    const instance = await env.open<TestDoc>({ schema: testDataSchema() });
    await instance.bulkWrite(
      ['a', 'b', 'c'].map((value) => ({ document: writeData({ value }) })),
      testContext,
    );
    const result = await instance.query(
      prepareQuery(instance.schema, { selector: {}, sort: [{ value: 'desc' }], skip: 0 }),
    );
    expect(result.documents.map((d) => d.value)).toEqual(['c', 'b', 'a']);
  });

  it('finds deleted documents too (filtering them out is RxDB’s job)', async () => {
    const instance = await env.open<TestDoc>();
    const doc = writeData({ key: 'foobar' });
    await instance.bulkWrite([{ document: doc }], testContext);
    await instance.bulkWrite(
      [
        {
          previous: doc,
          document: { ...doc, _deleted: true, _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } },
        },
      ],
      testContext,
    );
    const result = await instance.query(
      prepareQuery(instance.schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 }),
    );
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]?._deleted).toBe(true);
  });

  it('returns the same deterministic order as getSortComparator() for every index', async () => {
    const instance = await env.open<RandomDoc>({ schema: randomDocSchema() });
    const rows = Array.from({ length: 6 }, (_v, idx) => ({
      document: {
        id: randomToken(10),
        equal: 'foobar',
        random: randomToken(10),
        increment: idx + 1,
        _deleted: false,
        _attachments: {},
        _rev: '1-a',
        _meta: { lwt: now() },
      },
    }));
    const response = await instance.bulkWrite(rows, testContext);
    const docs = getWrittenDocumentsFromBulkWriteResponse('id', rows, response);
    const queries: FilledMangoQuery<RandomDoc>[] = [
      { selector: {}, sort: [{ id: 'asc' }], skip: 0 },
      { selector: {}, sort: [{ equal: 'asc' }, { id: 'asc' }], skip: 0 },
      { selector: {}, sort: [{ increment: 'desc' }, { id: 'asc' }], skip: 0 },
      { selector: {}, sort: [{ equal: 'asc' }, { increment: 'desc' }, { id: 'asc' }], skip: 0 },
    ];
    for (const query of queries) {
      const viaQuery = (await instance.query(prepareQuery(instance.schema, query))).documents;
      const viaSort = shuffleArray(docs).sort(getSortComparator(instance.schema, query));
      expect(viaQuery.map(stripMetaDataFromDocument)).toEqual(viaSort.map(stripMetaDataFromDocument));
    }
  });

  it('searches over a nested object', async () => {
    const schema = nestedDocSchema();
    const instance = await env.open<NestedDoc>({ schema });
    const response = await instance.bulkWrite(
      [
        {
          document: {
            id: 'foobar',
            nes: { ted: 'barfoo' },
            _deleted: false,
            _attachments: {},
            _rev: '1-a',
            _meta: { lwt: now() },
          },
        },
      ],
      testContext,
    );
    expect(response.error).toEqual([]);
    const result = await instance.query(
      prepareQuery(schema, {
        selector: { 'nes.ted': { $eq: 'barfoo' } },
        sort: [{ 'nes.ted': 'asc' }, { id: 'asc' }],
        skip: 0,
      }),
    );
    expect(result.documents).toHaveLength(1);
  });

  it('returns many documents (more than any internal batch)', async () => {
    const schema = testDataSchema();
    const instance = await env.open<TestDoc>({ schema });
    await instance.bulkWrite(
      Array.from({ length: 100 }, (_v, idx) => ({
        document: writeData({
          key: `${idx.toString().padStart(5, '0')}-${randomToken(10)}`,
          value: `${idx}`,
        }),
      })),
      testContext,
    );
    const result = await instance.query(
      prepareQuery(schema, { selector: {}, skip: 0, sort: [{ key: 'asc' }] }),
    );
    expect(result.documents).toHaveLength(100);
  });

  it('honours skip, limit and an explicit limit of 0', async () => {
    const schema = testDataSchema();
    const instance = await env.open<TestDoc>({ schema });
    await instance.bulkWrite(
      Array.from({ length: 10 }, (_v, i) => ({ document: writeData({ key: `k${i}`, value: `v${i}` }) })),
      testContext,
    );
    const page = await instance.query(
      prepareQuery(schema, { selector: {}, sort: [{ value: 'asc' }], skip: 3, limit: 4 }),
    );
    expect(page.documents.map((d) => d.value)).toEqual(['v3', 'v4', 'v5', 'v6']);
    const none = await instance.query(
      prepareQuery(schema, { selector: {}, sort: [{ value: 'asc' }], skip: 0, limit: 0 }),
    );
    expect(none.documents).toEqual([]);
    const filtered = await instance.query(
      prepareQuery(schema, {
        selector: { value: { $regex: '^v[2-8]$' } },
        sort: [{ value: 'asc' }],
        skip: 1,
        limit: 2,
      }),
    );
    expect(filtered.documents.map((d) => d.value)).toEqual(['v3', 'v4']);
  });

  it('runs a query that names an index the schema lacks by scanning the table', async () => {
    const instance = await env.open<TestDoc>();
    await instance.bulkWrite(
      ['b', 'a'].map((value) => ({ document: writeData({ value }) })),
      testContext,
    );
    const prepared = prepareQuery(instance.schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 });
    prepared.queryPlan = { ...prepared.queryPlan, index: ['value', 'key'] };
    const result = await instance.query(prepared);
    expect(result.documents).toHaveLength(2);
  });
});

describe('getSortComparator() and getQueryMatcher() on this storage’s schemas', () => {
  it('sort comparator orders by the sort fields even for documents that do not match', async () => {
    const instance = await env.open<TestDoc>({ schema: testDataSchema() });
    const comparator = getSortComparator(instance.schema, {
      selector: { value: { $eq: 'foobar' } },
      sort: [{ key: 'asc' }],
      skip: 0,
    });
    expect(
      comparator({ key: 'aaa', value: 'foobar' } as never, { key: 'bbb', value: 'barfoo' } as never),
    ).toBe(-1);
  });

  it('query matcher matches by value, deleted documents included, nested fields included', () => {
    const nested = nestedDocSchema();
    const matcher = getQueryMatcher(nested, {
      selector: { 'nes.ted': { $eq: 'barfoo' } },
      sort: [{ id: 'asc' }],
      skip: 0,
    });
    const base = { id: 'foobar', _deleted: true, _attachments: {}, _rev: '1-a', _meta: { lwt: now() } };
    expect(matcher({ ...base, nes: { ted: 'xxx' } } as RxDocumentData<NestedDoc>)).toBe(false);
    expect(matcher({ ...base, nes: { ted: 'barfoo' } } as RxDocumentData<NestedDoc>)).toBe(true);
  });

  it('prepareQuery() does not mutate its (frozen) input', () => {
    const query: FilledMangoQuery<TestDoc> = {
      selector: { value: { $gt: '' } },
      limit: 1000,
      sort: [{ value: 'asc' }],
      skip: 0,
    };
    expect(prepareQuery(deepFreeze(testDataSchema()), deepFreeze(query))).toBeTruthy();
  });
});

describe('count()', () => {
  it('counts every stored document, deleted ones included', async () => {
    const schema = testDataSchema();
    const instance = await env.open<TestDoc>({ schema });
    const all = prepareQuery<TestDoc>(schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 });
    const countIs = async (n: number) => expect((await instance.count(all)).count).toBe(n);
    await countIs(0);
    await instance.bulkWrite([{ document: writeData() }], testContext);
    await countIs(1);
    const doc = writeData();
    await instance.bulkWrite([{ document: doc }], testContext);
    await countIs(2);
    await instance.bulkWrite(
      [
        {
          previous: doc,
          document: { ...doc, _rev: EXAMPLE_REVISION_2, _deleted: true, _meta: { lwt: now() } },
        },
      ],
      testContext,
    );
    await countIs(2);
    const live = prepareQuery<TestDoc>(schema, {
      selector: { _deleted: false },
      sort: [{ key: 'asc' }],
      skip: 0,
    });
    expect((await instance.count(live)).count).toBe(1);
    const regex = prepareQuery<TestDoc>(schema, {
      selector: { value: { $regex: 'bar' } },
      sort: [{ key: 'asc' }],
      skip: 0,
    });
    expect(await instance.count(regex)).toEqual({ count: 2, mode: 'fast' });
  });
});

describe('findDocumentsById()', () => {
  it('finds the document; deleted ones only with withDeleted=true, with all their fields', async () => {
    const instance = await env.open<TestDoc>();
    const doc = writeData({ key: 'foobar', value: 'barfoo' });
    await instance.bulkWrite([{ document: doc }], testContext);
    expect((await instance.findDocumentsById(['foobar'], false))[0]).toEqual(doc);
    const deleted = {
      ...doc,
      value: 'barfoo2',
      _deleted: true,
      _rev: EXAMPLE_REVISION_2,
      _meta: { lwt: now() },
    };
    await instance.bulkWrite([{ previous: doc, document: deleted }], testContext);
    expect(await instance.findDocumentsById(['foobar'], false)).toEqual([]);
    const [found] = await instance.findDocumentsById(['foobar'], true);
    expect(found?.value).toBe('barfoo2');
    expect(found?._deleted).toBe(true);
  });

  it('with withDeleted=true finds deleted and non-deleted ones, in the order asked, missing ids skipped', async () => {
    const instance = await env.open<TestDoc>();
    const del = writeData({ key: 'del' });
    await instance.bulkWrite([{ document: del }, { document: writeData({ key: 'non-del' }) }], testContext);
    await instance.bulkWrite(
      [
        {
          previous: del,
          document: { ...del, _deleted: true, _rev: EXAMPLE_REVISION_2, _meta: { lwt: now() } },
        },
      ],
      testContext,
    );
    const found = await instance.findDocumentsById(['non-del', 'missing', 'del'], true);
    expect(found.map((d) => d.key)).toEqual(['non-del', 'del']);
    expect(await instance.findDocumentsById([], true)).toEqual([]);
  });
});
