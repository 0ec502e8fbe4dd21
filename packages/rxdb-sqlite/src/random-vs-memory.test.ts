/**
 * Randomized comparison with RxDB's memory storage: the same random inserts, updates and deletes go to both
 * storages, then the same random Mango queries (every operator the query planner turns into an index range,
 * plus $ne/$in/$nin/$exists/$regex/$or/$and, random sorts, skip, limit) must give identical results, counts,
 * findDocumentsById() answers and change pages. Strings include the characters where JavaScript's and
 * SQLite's orders differ (emoji, U+FFFF, lone surrogates).
 */
import fc from 'fast-check';
import type {
  MangoQuery,
  MangoQuerySelector,
  RxDocumentData,
  RxJsonSchema,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
} from 'rxdb';
import {
  fillWithDefaultSettings,
  getChangedDocumentsSince,
  normalizeMangoQuery,
  prepareQuery,
  randomToken,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { useTempStorage } from './test-support/temp-storage.ts';
import type { BetterSqlite3Internals } from './types.ts';

type Person = {
  id: string;
  name: string;
  age: number;
  score: number;
  active: boolean;
  nick?: string;
  address: { city: string };
};

const schema: RxJsonSchema<RxDocumentData<Person>> = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 12 },
    name: { type: 'string', maxLength: 8 },
    age: { type: 'integer', minimum: 0, maximum: 150, multipleOf: 1 },
    score: { type: 'number', minimum: -1000, maximum: 1000, multipleOf: 0.01 },
    active: { type: 'boolean' },
    nick: { type: 'string', maxLength: 8 },
    address: {
      type: 'object',
      properties: { city: { type: 'string', maxLength: 8 } },
      required: ['city'],
    },
  },
  required: ['id', 'name', 'age', 'score', 'active', 'address'],
  indexes: ['name', 'age', ['active', 'age'], ['address.city', 'score'], 'score'],
});

const char = fc.constantFrom('a', 'b', 'c', 'B', ' ', 'é', 'z', '😀', '\uFFFF', '\uD800', '0');
const text = (max: number) => fc.array(char, { maxLength: max }).map((parts) => parts.join('').slice(0, max));
const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'ab', 'b😀', 'z\uFFFF'];

const person = fc.record({
  name: text(4),
  age: fc.integer({ min: 0, max: 150 }),
  score: fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
  active: fc.boolean(),
  nick: fc.option(text(3), { nil: undefined }),
  city: fc.constantFrom('Vigevano', 'Pavia', 'Milano', ''),
});

type PersonValue = {
  name: string;
  age: number;
  score: number;
  active: boolean;
  nick: string | undefined;
  city: string;
};
type Op = { kind: 'put' | 'delete'; id: string; value: PersonValue };
type RandomQuery = {
  selector: MangoQuerySelector<Person>;
  sort: { field: string; dir: 'asc' | 'desc' }[];
  skip: number | undefined;
  limit: number | undefined;
};
const operation = fc.record({
  kind: fc.constantFrom<'put' | 'delete'>('put', 'put', 'put', 'delete'),
  id: fc.constantFrom(...ids),
  value: person,
}) as fc.Arbitrary<Op>;

const fieldValue: Record<string, fc.Arbitrary<unknown>> = {
  name: text(3),
  age: fc.integer({ min: -5, max: 160 }),
  score: fc.integer({ min: -120_000, max: 120_000 }).map((n) => n / 100),
  active: fc.boolean(),
  'address.city': fc.constantFrom('Vigevano', 'Pavia', 'Milano', '', 'Zz'),
  id: fc.constantFrom(...ids, 'aa', ''),
};
const fieldNames = Object.keys(fieldValue);

const condition: fc.Arbitrary<MangoQuerySelector<Person>> = fc.constantFrom(...fieldNames).chain((field) => {
  const v = fieldValue[field] as fc.Arbitrary<unknown>;
  const range = fc.record({ $gt: v, $gte: v, $lt: v, $lte: v }, { requiredKeys: [] }) as fc.Arbitrary<
    Record<string, unknown>
  >;
  const op = fc.oneof(
    v.map((x) => ({ $eq: x })),
    range,
    v.map((x) => ({ $ne: x })),
    fc.array(v, { minLength: 1, maxLength: 3 }).map((xs) => ({ $in: xs })),
    fc.array(v, { minLength: 1, maxLength: 3 }).map((xs) => ({ $nin: xs })),
  );
  return op.map((o) => ({ [field]: o }) as MangoQuerySelector<Person>);
});

const selector: fc.Arbitrary<MangoQuerySelector<Person>> = fc.oneof(
  fc.constant({}),
  condition,
  fc.array(condition, { minLength: 2, maxLength: 3 }).map((parts) => Object.assign({}, ...parts)),
  fc.array(condition, { minLength: 1, maxLength: 3 }).map((parts) => ({ $or: parts })),
  fc.array(condition, { minLength: 1, maxLength: 3 }).map((parts) => ({ $and: parts })),
  fc.constant({ nick: { $exists: true } }),
  fc.constant({ name: { $regex: '^[ab]' } }),
  fc.constant({ _deleted: { $eq: false } }),
);

const sortField = fc.constantFrom('name', 'age', 'score', 'active', 'address.city', 'id');
const query: fc.Arbitrary<RandomQuery> = fc.record({
  selector,
  sort: fc.array(fc.record({ field: sortField, dir: fc.constantFrom<'asc' | 'desc'>('asc', 'desc') }), {
    maxLength: 2,
  }),
  skip: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  limit: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
});

const env = useTempStorage();
const memory = getRxStorageMemory();

async function openPair() {
  const params = {
    databaseInstanceToken: randomToken(10),
    databaseName: `cmp${randomToken(10)}`,
    collectionName: 'people',
    schema,
    options: {},
    multiInstance: false,
    devMode: false,
  };
  const ours = await env.open<Person>({
    schema,
    databaseName: params.databaseName,
    collectionName: 'people',
  });
  const theirs = (await memory.createStorageInstance<Person>(params)) as unknown as RxStorageInstance<
    Person,
    unknown,
    unknown
  >;
  return { ours, theirs };
}

async function applyOps(instances: RxStorageInstance<Person, unknown, unknown>[], ops: Op[]) {
  const state = new Map<string, RxDocumentData<Person>>();
  let lwt = 1_700_000_000_000;
  let rev = 1;
  for (const [n, op] of ops.entries()) {
    const previous = state.get(op.id);
    if (op.kind === 'delete' && (!previous || previous._deleted)) continue;
    // Each write after the last one, as RxDB's clock stamps them in one process: a write stamped at or before
    // the newest stored change is moved after it by our storage (write.ts, keepChangeOrder), not by the memory
    // storage. Documents sharing an lwt within one write: instance-changes.test.ts.
    lwt += n % 3 === 0 ? 0.01 : 1.5;
    rev++;
    const base = op.kind === 'delete' && previous ? previous : undefined;
    const document: RxDocumentData<Person> = {
      ...(base ?? {
        id: op.id,
        name: op.value.name,
        age: op.value.age,
        score: op.value.score,
        active: op.value.active,
        address: { city: op.value.city },
        ...(op.value.nick === undefined ? {} : { nick: op.value.nick }),
      }),
      _deleted: op.kind === 'delete',
      _attachments: {},
      _rev: `${rev}-r${rev}`,
      _meta: { lwt },
    };
    const results = await Promise.all(
      instances.map((instance) =>
        instance.bulkWrite([{ document, ...(previous ? { previous } : {}) }], 'cmp'),
      ),
    );
    for (const result of results) expect(result.error).toEqual([]);
    state.set(op.id, document);
  }
}

function toMango(q: RandomQuery): MangoQuery<Person> {
  return {
    selector: q.selector,
    sort: q.sort.map(({ field, dir }) => ({ [field]: dir })) as MangoQuery<Person>['sort'],
    ...(q.skip === undefined ? {} : { skip: q.skip }),
    ...(q.limit === undefined ? {} : { limit: q.limit }),
  };
}

describe('randomized comparison with the memory storage', () => {
  it('gives identical query results, counts, lookups and change pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 1, maxLength: 60 }),
        fc.array(query, { minLength: 10, maxLength: 25 }),
        async (ops, queries) => {
          const { ours, theirs } = await openPair();
          try {
            await applyOps([ours, theirs], ops);
            const caches = (ours.internals as BetterSqlite3Internals).connection.docCaches;
            for (const [n, q] of queries.entries()) {
              // every other query starts with a cold document cache: both read paths are compared
              if (n % 2 === 0) caches.clear();
              const prepared = prepareQuery(schema, normalizeMangoQuery(schema, toMango(q)));
              const [a, b] = await Promise.all([ours.query(prepared), theirs.query(prepared)]);
              expect(a.documents, JSON.stringify(toMango(q))).toEqual(b.documents);
              const counted = prepareQuery(schema, normalizeMangoQuery(schema, { selector: q.selector }));
              expect((await ours.count(counted)).count).toBe((await theirs.count(counted)).count);
            }
            for (const withDeleted of [true, false]) {
              const lookup = [...ids, 'missing', 'a'];
              expect(await ours.findDocumentsById(lookup, withDeleted)).toEqual(
                await theirs.findDocumentsById(lookup, withDeleted),
              );
            }
            let cpOurs: RxStorageDefaultCheckpoint | undefined;
            let cpTheirs: RxStorageDefaultCheckpoint | undefined;
            for (let page = 0; page < 5; page++) {
              const mine = await getChangedDocumentsSince(ours, 4, cpOurs);
              const other = await getChangedDocumentsSince(theirs, 4, cpTheirs);
              expect(mine.documents).toEqual(other.documents);
              expect(mine.checkpoint).toEqual(other.checkpoint);
              cpOurs = mine.checkpoint;
              cpTheirs = other.checkpoint;
            }
          } finally {
            await ours.remove();
            await theirs.remove();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives identical results on ranges longer than a fetch chunk, with early stops', async () => {
    const { ours, theirs } = await openPair();
    try {
      const documents = Array.from(
        { length: 1500 },
        (_v, n): RxDocumentData<Person> => ({
          id: `p${n.toString().padStart(5, '0')}`,
          name: ['ana', 'bob', 'carla', 'dino'][n % 4] as string,
          age: n % 151,
          score: ((n * 37) % 2000) - 1000,
          active: n % 3 === 0,
          address: { city: ['Vigevano', 'Pavia', 'Milano'][n % 3] as string },
          _deleted: n % 11 === 0,
          _attachments: {},
          _rev: '1-r',
          _meta: { lwt: 1_700_000_000_000 + n },
        }),
      );
      for (const instance of [ours, theirs]) {
        expect(
          (
            await instance.bulkWrite(
              documents.map((document) => ({ document })),
              'cmp',
            )
          ).error,
        ).toEqual([]);
      }
      const caches = (ours.internals as BetterSqlite3Internals).connection.docCaches;
      const queries: MangoQuery<Person>[] = [
        { selector: { name: { $regex: '^[ab]' } } },
        { selector: { name: { $regex: 'o' } }, limit: 300 },
        { selector: { name: { $regex: 'o' } }, sort: [{ id: 'asc' }], skip: 290, limit: 20 },
        { selector: { age: { $gt: 20 }, active: { $eq: true } }, sort: [{ score: 'desc' }], limit: 50 },
        {
          selector: { 'address.city': 'Pavia', score: { $gte: -200 } },
          sort: [{ 'address.city': 'asc' }, { score: 'asc' }],
        },
        { selector: { $or: [{ age: 3 }, { name: 'dino' }] }, sort: [{ age: 'asc' }], skip: 10 },
      ];
      for (const cold of [true, false]) {
        for (const mango of queries) {
          if (cold) caches.clear();
          const prepared = prepareQuery(schema, normalizeMangoQuery(schema, mango));
          const [a, b] = await Promise.all([ours.query(prepared), theirs.query(prepared)]);
          expect(a.documents, JSON.stringify(mango)).toEqual(b.documents);
          expect((await ours.count(prepared)).count).toBe((await theirs.count(prepared)).count);
        }
      }
    } finally {
      await ours.remove();
      await theirs.remove();
    }
  });
});
