/**
 * Bad input and a bad environment: each gives a clear RxDB-style error naming the file, and leaves the file
 * intact (a failed write is rolled back, `PRAGMA integrity_check` stays ok, nothing half-written is visible).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createRxDatabase, prepareQuery, randomToken } from 'rxdb';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { databaseFilePath } from './database-file.ts';
import { RxStorageSqliteError, toStorageError } from './errors.ts';
import { getRxStorageBetterSqlite3 } from './storage.ts';
import { type TestDoc, testDataSchema, writeData } from './test-support/fixtures.ts';
import { testContext, useTempStorage } from './test-support/temp-storage.ts';
import type { BetterSqlite3Internals } from './types.ts';

const env = useTempStorage();

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function integrity(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

describe('a file that is not a database', () => {
  it('is refused with RXS2 naming the file, and left byte for byte as it was', async () => {
    const databaseName = `junk${randomToken(6)}`;
    const path = databaseFilePath(env.dir(), databaseName);
    writeFileSync(path, Buffer.alloc(8192, 'not a database, just some bytes '));
    const before = sha(path);
    const error = await env.open<TestDoc>({ databaseName }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RxStorageSqliteError);
    expect(error).toMatchObject({ code: 'RXS2', rxdb: true, parameters: { path } });
    expect(String(error)).toContain(path);
    expect(sha(path)).toBe(before);
  });

  it('a database whose header was damaged is refused the same way', async () => {
    const databaseName = `hurt${randomToken(6)}`;
    const instance = await env.open<TestDoc>({ databaseName });
    await instance.bulkWrite([{ document: writeData() }], testContext);
    await instance.close();
    const path = databaseFilePath(env.dir(), databaseName);
    const bytes = readFileSync(path);
    bytes.write('Not SQLite, sorry', 0, 'latin1');
    writeFileSync(path, bytes);
    await expect(env.open<TestDoc>({ databaseName })).rejects.toMatchObject({ code: 'RXS2' });
  });
});

describe('read-only', () => {
  async function fileWithOneDoc() {
    const databaseName = `ro${randomToken(6)}`;
    const instance = await env.open<TestDoc>({ databaseName, collectionName: 'things' });
    await instance.bulkWrite([{ document: writeData({ key: 'there' }) }], testContext);
    await instance.close();
    return databaseName;
  }

  it('reads, but refuses writes with RXS3 and leaves the file unchanged', async () => {
    const databaseName = await fileWithOneDoc();
    const path = databaseFilePath(env.dir(), databaseName);
    const before = sha(path);
    const storage = getRxStorageBetterSqlite3({ directory: env.dir(), readonly: true });
    const instance = await env.open<TestDoc>({ storage, databaseName, collectionName: 'things' });
    expect(await instance.findDocumentsById(['there'], false)).toHaveLength(1);
    const error = await instance.bulkWrite([{ document: writeData() }], testContext).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'RXS3',
      parameters: { path, collection: 'things', operation: 'bulkWrite' },
    });
    await instance.close();
    expect(sha(path)).toBe(before);
  });

  it('refuses a collection the file does not have with RXS5 (an unknown collection)', async () => {
    const databaseName = await fileWithOneDoc();
    const storage = getRxStorageBetterSqlite3({ directory: env.dir(), readonly: true });
    await expect(
      env.open<TestDoc>({ storage, databaseName, collectionName: 'unknown' }),
    ).rejects.toMatchObject({
      code: 'RXS5',
      parameters: { collection: 'unknown' },
    });
  });

  it('refuses a file that does not exist with RXS1', async () => {
    const storage = getRxStorageBetterSqlite3({ directory: env.dir(), readonly: true });
    await expect(env.open<TestDoc>({ storage, databaseName: 'nope' })).rejects.toMatchObject({
      code: 'RXS1',
    });
  });
});

describe('a full disk (a size-limited file: PRAGMA max_page_count)', () => {
  it('fails the write with RXS4, rolls all of it back and keeps the file intact and usable', async () => {
    const databaseName = `full${randomToken(6)}`;
    const instance = await env.open<TestDoc>({ databaseName, schema: testDataSchema() });
    const kept = Array.from({ length: 50 }, (_v, i) => writeData({ key: `kept${i}` }));
    await instance.bulkWrite(
      kept.map((document) => ({ document })),
      testContext,
    );
    const { db } = (instance.internals as BetterSqlite3Internals).connection;
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${pages + 3}`);

    const big = Array.from({ length: 2000 }, (_v, i) => writeData({ key: `big${i}`, value: 'x'.repeat(90) }));
    const error = await instance
      .bulkWrite(
        big.map((document) => ({ document })),
        testContext,
      )
      .catch((e: unknown) => e);
    const path = databaseFilePath(env.dir(), databaseName);
    expect(error).toMatchObject({ code: 'RXS4', parameters: { path, sqliteCode: 'SQLITE_FULL' } });
    expect(String(error)).toMatch(/disk is full.*rolled back/);

    const all = prepareQuery(instance.schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 });
    expect((await instance.count(all)).count).toBe(50);
    expect(await instance.findDocumentsById(['big0', 'big1999'], true)).toEqual([]);
    expect(String(db.pragma('integrity_check', { simple: true }))).toBe('ok');

    // space again: the same connection writes normally
    db.pragma('max_page_count = 1073741823');
    expect(
      (
        await instance.bulkWrite(
          big.map((document) => ({ document })),
          testContext,
        )
      ).error,
    ).toEqual([]);
    await instance.close();
    expect(integrity(path)).toBe('ok');
  });
});

describe('a document that violates the schema', () => {
  it('is refused by RxDB’s validator (VD2) in front of this storage and changes nothing', async () => {
    const storage = wrappedValidateAjvStorage({
      storage: getRxStorageBetterSqlite3({ directory: env.dir() }),
    });
    const db = await createRxDatabase({ name: `val${randomToken(6)}`, storage, multiInstance: false });
    try {
      const { items } = await db.addCollections({
        items: {
          schema: {
            version: 0,
            primaryKey: 'id',
            type: 'object',
            properties: { id: { type: 'string', maxLength: 10 }, n: { type: 'integer', minimum: 0 } },
            required: ['id', 'n'],
          },
        },
      });
      await items.insert({ id: 'ok', n: 1 });
      await expect(items.insert({ id: 'bad', n: -1 })).rejects.toMatchObject({ code: 'VD2' });
      await expect(items.insert({ id: 'worse' } as never)).rejects.toMatchObject({ code: 'VD2' });
      expect(await items.count().exec()).toBe(1);
    } finally {
      await db.close();
    }
  });
});

describe('toStorageError()', () => {
  it('maps SQLite result codes to storage codes and keeps other errors as they are', () => {
    const sqlite = (code: string) => Object.assign(new Error(code), { code });
    const at = { path: '/x.sqlite' };
    expect(toStorageError(sqlite('SQLITE_BUSY'), at)).toMatchObject({ code: 'RXS9' });
    expect(toStorageError(sqlite('SQLITE_IOERR_WRITE'), at)).toMatchObject({ code: 'RXS10' });
    expect(toStorageError(sqlite('SQLITE_CORRUPT_INDEX'), at)).toMatchObject({ code: 'RXS2' });
    expect(toStorageError(sqlite('SQLITE_READONLY_DBMOVED'), at)).toMatchObject({ code: 'RXS3' });
    expect(toStorageError(sqlite('SQLITE_MISMATCH'), at)).toMatchObject({ code: 'RXS11' });
    const plain = new Error('plain');
    expect(toStorageError(plain, at)).toBe(plain);
    expect(toStorageError(sqlite('SQLITE_FULL'), at).name).toBe('RxError (RXS4)');
  });
});
