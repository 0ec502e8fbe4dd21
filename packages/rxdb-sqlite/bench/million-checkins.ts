import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createRxDatabase } from 'rxdb';
import { getRxStorageBetterSqlite3 } from '../src/index.ts';
import { type Checkin, checkinSchema, checkinSchemaLiteral } from '../src/test-support/fixtures.ts';
import {
  DAY,
  SYNTHETIC_HUBS,
  syntheticCheckin,
  threeYearStep,
} from '../src/test-support/synthetic-checkins.ts';

/**
 * The kiosk's scenario at scale: a file holding 1 000 000 check-ins (8 hubs, ~3 years, 20 000 cards).
 * Measures, through RxDB: opening the database with its collection, and "check-ins of today for this hub"
 * (the first query cold, then the median of 20 more for other hubs and days, each a new query).
 * The file is built once (bulk writes of 10 000, as a bulk import: durability 'normal', 256 MiB page cache)
 * and kept in `directory` for the next runs; opening and querying use the default settings.
 */
export const MILLION = 1_000_000;
const START = Date.UTC(2023, 0, 1);
const STEP = threeYearStep(MILLION);
const checkin = (n: number) => syntheticCheckin(n, START, STEP);
const NAME = 'million-checkins';

function storedCount(directory: string): number {
  const path = join(directory, `${NAME}.sqlite`);
  if (!existsSync(path)) return 0;
  const db = new Database(path, { readonly: true });
  try {
    return Number(db.prepare('SELECT count(*) FROM "checkins@0"').pluck().get());
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

async function build(directory: string): Promise<number> {
  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm'])
    rmSync(join(directory, `${NAME}.sqlite${suffix}`), { force: true });
  // Filled like a bulk import (see the README): no fsync per batch, a page cache that holds the indexes.
  const storage = getRxStorageBetterSqlite3({ directory, durability: 'normal', cacheSizeKiB: 262_144 });
  const instance = await storage.createStorageInstance<Checkin>({
    databaseInstanceToken: 'bench',
    databaseName: NAME,
    collectionName: 'checkins',
    schema: checkinSchema(),
    options: {},
    multiInstance: false,
    devMode: false,
  });
  for (let first = 0; first < MILLION; first += 10_000) {
    const rows = Array.from({ length: 10_000 }, (_v, i) => ({ document: checkin(first + i) }));
    const result = await instance.bulkWrite(rows, 'bench-million');
    if (result.error.length > 0) throw new Error(`bench: write failed ${JSON.stringify(result.error[0])}`);
  }
  await instance.close();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export type MillionResult = {
  documents: number;
  buildMs: number | null;
  openMs: number;
  firstQueryMs: number;
  queryMedianMs: number;
  checkinsPerQuery: number;
};

export async function runMillionCheckins(directory: string, fresh: boolean): Promise<MillionResult> {
  let buildMs: number | null = null;
  if (fresh || storedCount(directory) !== MILLION) {
    buildMs = await build(directory);
  }
  const openStart = performance.now();
  const db = await createRxDatabase({
    name: NAME,
    storage: getRxStorageBetterSqlite3({ directory }),
    multiInstance: false,
  });
  const { checkins } = await db.addCollections({ checkins: { schema: checkinSchemaLiteral } });
  const openMs = performance.now() - openStart;
  try {
    const today = (hub: number, day: number) =>
      checkins
        .find({
          selector: {
            hubId: `HUB${hub.toString().padStart(23, '0')}`,
            deviceTime: { $gte: START + day * DAY, $lt: START + (day + 1) * DAY },
          },
          sort: [{ deviceTime: 'asc' }],
        })
        .exec();
    let started = performance.now();
    const first = await today(3, 700);
    const firstQueryMs = performance.now() - started;
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 20; i++) {
      started = performance.now();
      const docs = await today(i % SYNTHETIC_HUBS, 100 + i * 37);
      times.push(performance.now() - started);
      total += docs.length;
    }
    if (first.length === 0 || total === 0) throw new Error('bench: the check-ins of a day came back empty');
    return {
      documents: await checkins.count().exec(),
      buildMs,
      openMs,
      firstQueryMs,
      queryMedianMs: median(times),
      checkinsPerQuery: Math.round(total / 20),
    };
  } finally {
    await db.close();
  }
}
