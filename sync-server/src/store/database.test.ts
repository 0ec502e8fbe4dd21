import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../testing/store-per-test';
import { migrateToLatest, openStore } from './database';
import { getDocument, listDocuments, putDocuments } from './documents';
import { migrations } from './migrations/index';
import { testStoreKinds } from './test-stores';

describe.each(testStoreKinds())('store on %s', (kind) => {
  const freshStore = storeForEachTest(kind);

  it('migrates an empty database to the latest version, and a second run changes nothing', async () => {
    const t = await freshStore({ migrate: false });
    expect(await migrateToLatest(t.store)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(t.store)).toEqual([]);
    const tables = await t.store.db.introspection.getTables();
    expect(tables.map((x) => x.name)).toEqual(
      expect.arrayContaining([
        'documents',
        'users',
        'auth_sessions',
        'device_credentials',
        'enrolment_codes',
      ]),
    );
  });

  it('stores documents as JSON and finds them by hub and time range', async () => {
    const t = await freshStore();
    const doc = (id: string, hubId: string, at: number) => ({
      collection: 'sessions',
      hubId,
      at,
      body: { id, hubId, title: `Corso ${id} – «àèìòù» 李`, updatedAt: at },
    });
    await putDocuments(t.store.db, [doc('A', 'H1', 1_000), doc('B', 'H1', 5_000), doc('C', 'H2', 2_000)]);
    // Writing again replaces: no duplicate rows.
    await putDocuments(t.store.db, [
      { ...doc('A', 'H1', 1_000), body: { ...doc('A', 'H1', 1_000).body, title: 'nuovo' } },
    ]);

    const h1 = await listDocuments<{ id: string; title: string }>(t.store.db, 'sessions', { hubId: 'H1' });
    expect(h1.map((d) => [d.id, d.title])).toEqual([
      ['A', 'nuovo'],
      ['B', 'Corso B – «àèìòù» 李'],
    ]);
    const range = await listDocuments<{ id: string }>(t.store.db, 'sessions', { atFrom: 1_500, atTo: 5_000 });
    expect(range.map((d) => d.id)).toEqual(['C']);
    expect(await getDocument(t.store.db, 'sessions', 'B')).toMatchObject({ id: 'B', hubId: 'H1' });
    expect(await getDocument(t.store.db, 'hubs', 'B')).toBeUndefined();
    // Times come back as numbers on both dialects (PostgreSQL BIGINT would otherwise be a string).
    const row = await t.store.db
      .selectFrom('documents')
      .select('at')
      .where('id', '=', 'B')
      .executeTakeFirstOrThrow();
    expect(row.at).toBe(5_000);
  });

  it('reports which migration failed', async () => {
    const t = await freshStore({ migrate: false });
    await sql`CREATE TABLE documents (x integer)`.execute(t.store.db);
    await expect(migrateToLatest(t.store)).rejects.toThrow('database migration 0001-initial failed');
  });
});

it('refuses a DATABASE_URL of an unknown kind', () => {
  expect(() => openStore('mysql://x')).toThrow('unsupported DATABASE_URL: mysql:');
});
