import { createDocumentValidators, hashFacilitatorPin, verifyFacilitatorPin } from '@vigevano/protocol';
import { Migrator } from 'kysely';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../store/database';
import { getDocument } from '../store/documents';
import { migrationProvider } from '../store/migrations/index';
import { testStoreKinds } from '../store/test-stores';
import { storeForEachTest } from '../testing/store-per-test';
import { listAreas } from './areas';

describe.each(testStoreKinds())('migration 0012 on %s', (kind) => {
  const freshStore = storeForEachTest(kind);

  it('moves version 0 hubs to version 1: the hub PIN becomes a facilitator, its area joins the list', async () => {
    const t = await freshStore({ migrate: false });
    const migrator = new Migrator({ db: t.store.db, provider: migrationProvider });
    expect((await migrator.migrateTo('0010-audit-log')).error).toBeUndefined();
    const id = ulid();
    const pin = hashFacilitatorPin('274918', 1024);
    const v0 = {
      id,
      name: 'Hub Vecchio',
      address: 'Via Roma 1',
      area: 'Lomellina',
      targetGroups: ['everyone'],
      focus: { assistance: 'a', promotion: 'p' },
      openingHours: [{ day: 1, open: '09:00', close: '18:00' }],
      position: { lat: 45.3, lon: 8.86 },
      usesCheckout: false,
      facilitatorPin: pin,
      timezone: 'Europe/Rome',
      updatedAt: 7,
    };
    await t.store.db
      .insertInto('documents')
      .values({
        collection: 'hubs',
        id,
        hub_id: id,
        body: JSON.stringify(v0),
        deleted: 0,
        at: null,
        updated_at: 7,
        change_order: 1,
        visible_to: null,
      })
      .execute();
    await migrateToLatest(t.store);

    const hub = await getDocument<Record<string, unknown>>(t.store.db, 'hubs', id);
    expect(createDocumentValidators().hubs(hub)).toEqual([]);
    const { facilitatorPin: _gone, ...kept } = v0;
    expect(hub).toEqual({
      ...kept,
      closures: [],
      repeatScanWindowMs: 600_000,
      facilitators: [{ id, name: 'PIN', pin }],
      archived: false,
    });
    const facilitator = await t.store.db
      .selectFrom('facilitators')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(
      verifyFacilitatorPin('274918', {
        salt: String(facilitator.pin_salt),
        hash: String(facilitator.pin_hash),
        cost: Number(facilitator.pin_cost),
      }),
    ).toBe(true);
    expect(await t.store.db.selectFrom('facilitator_hubs').selectAll().execute()).toEqual([
      { facilitator_id: id, hub_id: id },
    ]);
    expect(await listAreas(t.store.db)).toEqual(['Centro', 'Lomellina', 'Sforzesca', 'Ticino']);
  });
});
