import { Migrator } from 'kysely';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../store/database';
import { putDocuments } from '../store/documents';
import { migrationProvider } from '../store/migrations/index';
import { testStoreKinds } from '../store/test-stores';
import { storeForEachTest } from '../testing/store-per-test';
import { visibleTo } from './change-order';
import { hubDoc } from './test-support';

describe.each(testStoreKinds())('change feed on %s', (kind) => {
  const freshStore = storeForEachTest(kind);

  it('migration 0003 puts documents written before it in the feed, in update order, and counts on from there', async () => {
    const t = await freshStore({ migrate: false });
    const migrator = new Migrator({ db: t.store.db, provider: migrationProvider });
    expect((await migrator.migrateTo('0002-device-status')).error).toBeUndefined();
    const [h1, h2, h3] = [ulid(), ulid(), ulid()];
    const old = (collection: string, id: string, updatedAt: number, body: object) => ({
      collection,
      id,
      hub_id: null,
      body: JSON.stringify({ id, updatedAt, ...body }),
      deleted: 0,
      at: null,
      updated_at: updatedAt,
    });
    const [c1, c2] = [ulid(), ulid()];
    await t.store.db
      .insertInto('documents')
      .values([
        old('hubs', h2, 20, {}),
        old('hubs', h1, 10, {}),
        old('content', c1, 5, { hubIds: [] }),
        old('content', c2, 6, { hubIds: [h3, h1] }),
      ])
      .execute();
    await migrateToLatest(t.store);

    const rows = await t.store.db
      .selectFrom('documents')
      .select(['collection', 'id', 'change_order', 'visible_to'])
      .orderBy('collection')
      .orderBy('change_order')
      .execute();
    expect(rows).toEqual([
      { collection: 'content', id: c1, change_order: 1, visible_to: null },
      { collection: 'content', id: c2, change_order: 2, visible_to: `|${h3}|${h1}|` },
      { collection: 'hubs', id: h1, change_order: 1, visible_to: null },
      { collection: 'hubs', id: h2, change_order: 2, visible_to: null },
    ]);

    // The server's other writers join the feed through project(), after what is there.
    await putDocuments(t.store.db, [{ collection: 'hubs', hubId: h3, at: null, body: hubDoc(h3) }]);
    const stamped = await t.store.db
      .selectFrom('documents')
      .select('change_order')
      .where('id', '=', h3)
      .executeTakeFirstOrThrow();
    expect(stamped.change_order).toBe(3);
  });
});

describe('visibleTo', () => {
  it('keeps telling a hub of a document once it has been told, and every hub of a city-wide one', () => {
    expect(visibleTo(undefined, [])).toBeNull();
    expect(visibleTo(undefined, ['B', 'A'])).toBe('|A|B|');
    expect(visibleTo('|A|B|', ['C'])).toBe('|A|B|C|');
    expect(visibleTo(null, ['C'])).toBeNull();
    expect(visibleTo('|A|', [])).toBeNull();
  });
});
