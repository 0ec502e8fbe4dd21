import type { RxDocumentData, RxJsonSchema, RxStorage, RxStorageInstance } from 'rxdb';
import { fillWithDefaultSettings, normalizeMangoQuery, now, prepareQuery, randomToken } from 'rxdb';

/**
 * Reads inside an open database, at the storage level: runPerformanceTests closes and reopens the database
 * before each read step, which empties this storage's caches while RxDB's memory storage keeps its state
 * across the reopen. Here both storages hold the same 3 000 documents (RxDB's averageSchema) and answer
 * the same reads repeatedly, as a long-running kiosk does. Median of 30 rounds, ms.
 */
export type WarmReads = Record<
  'find-by-ids-3000' | 'query-all-sorted' | 'query-var2-eq' | 'count-var2-eq',
  number
>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function warmReads(storage: RxStorage<unknown, unknown>): Promise<WarmReads> {
  // Imported late: rxdb/plugins/test-utils needs the shims of register-shims.ts.
  const { schemas, schemaObjects } = await import('rxdb/plugins/test-utils');
  type Avg = ReturnType<typeof schemaObjects.averageSchemaData>;
  const schema = fillWithDefaultSettings(schemas.averageSchema()) as RxJsonSchema<RxDocumentData<Avg>>;
  const instance = (await storage.createStorageInstance<Avg>({
    databaseInstanceToken: randomToken(10),
    databaseName: `warm${randomToken(8)}`,
    collectionName: 'avg',
    schema,
    options: {},
    multiInstance: false,
    devMode: false,
  })) as RxStorageInstance<Avg, unknown, unknown>;
  try {
    const docs = Array.from({ length: 3000 }, (_v, i) => ({
      ...schemaObjects.averageSchemaData({ var2: i % 4 }),
      _deleted: false,
      _attachments: {},
      _rev: '1-bench',
      _meta: { lwt: now() },
    }));
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'bench-warm',
    );
    const ids = docs.map((d) => d.id);
    const sorted = prepareQuery(
      schema,
      normalizeMangoQuery<Avg>(schema, { selector: {}, sort: [{ var2: 'asc' }, { var1: 'asc' }] }),
    );
    const eq = prepareQuery(schema, normalizeMangoQuery<Avg>(schema, { selector: { var2: { $eq: 1 } } }));
    const rounds: Record<keyof WarmReads, number[]> = {
      'find-by-ids-3000': [],
      'query-all-sorted': [],
      'query-var2-eq': [],
      'count-var2-eq': [],
    };
    const time = async (key: keyof WarmReads, run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      rounds[key].push(performance.now() - started);
    };
    for (let round = 0; round < 30; round++) {
      await time('find-by-ids-3000', () => instance.findDocumentsById(ids, false));
      await time('query-all-sorted', () => instance.query(sorted));
      await time('query-var2-eq', () => instance.query(eq));
      await time('count-var2-eq', () => instance.count(eq));
    }
    return {
      'find-by-ids-3000': median(rounds['find-by-ids-3000']),
      'query-all-sorted': median(rounds['query-all-sorted']),
      'query-var2-eq': median(rounds['query-var2-eq']),
      'count-var2-eq': median(rounds['count-var2-eq']),
    };
  } finally {
    await instance.remove();
  }
}
