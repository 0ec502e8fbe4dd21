import { existsSync, readdirSync } from 'node:fs';
import {
  COLLECTION_NAMES,
  cardSchema,
  hashFacilitatorPin,
  hubSchema,
  verifyFacilitatorPin,
} from '@vigevano/protocol';
import { getRxStorageBetterSqlite3 } from '@vigevano/rxdb-sqlite';
import { tempDir } from '@vigevano/testkit/tmp';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { type KioskDatabase, openKioskDatabase } from './open';

describe('kiosk database', () => {
  const dirs: Array<{ remove(): void }> = [];
  let db: KioskDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
    for (const d of dirs.splice(0)) d.remove();
  });

  it('opens a SQLite file in the data folder with every collection of the protocol', async () => {
    const dir = tempDir();
    dirs.push(dir);
    db = await openKioskDatabase({ directory: dir.path });
    expect(Object.keys(db.collections).sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(readdirSync(dir.path).some((f) => f.endsWith('.sqlite'))).toBe(true);
  });

  it('refuses a document that breaks its schema, and stores nothing', async () => {
    const dir = tempDir();
    dirs.push(dir);
    db = await openKioskDatabase({ directory: dir.path });
    await expect(
      db.checkins.insert({
        id: '01JD0000000000000000000001',
        hubId: 'not-a-ulid',
        deviceId: '01JD0000000000000000000002',
        direction: 'in',
        source: 'camera',
        deviceTime: 1,
        hlc: 'x',
        updatedAt: 1,
      }),
    ).rejects.toThrow(/VD2|validation|schema/i);
    expect(await db.checkins.count().exec()).toBe(0);
  });

  it('keeps what was written across a close and reopen', async () => {
    const dir = tempDir();
    dirs.push(dir);
    db = await openKioskDatabase({ directory: dir.path });
    await db.upsertLocal('clock', { hlc: 'abc' });
    await db.close();
    db = await openKioskDatabase({ directory: dir.path });
    expect((await db.getLocal<{ hlc: string }>('clock'))?.get('hlc')).toBe('abc');
    expect(existsSync(dir.path)).toBe(true);
  });

  it('opens a data folder written before cards version 1 (facilitatorHubs) and keeps its cards', async () => {
    const dir = tempDir();
    dirs.push(dir);
    // the cards schema as kiosks in the field have it: version 0, without the server-set facilitatorHubs
    const { facilitatorHubs: _added, ...properties } = cardSchema.properties;
    const v0 = { ...cardSchema, version: 0, properties } as unknown as RxJsonSchema<unknown>;
    const old = await createRxDatabase({
      name: 'kiosk',
      storage: getRxStorageBetterSqlite3({ directory: dir.path }),
      multiInstance: false,
      localDocuments: true,
    });
    const card = {
      id: '01JD0000000000000000000001',
      hubId: '01JD0000000000000000000002',
      visitorId: '01JD0000000000000000000003',
      alias: 'Maria',
      language: 'it',
      issuer: 'server',
      issuedAt: 1,
      revoked: false,
      role: 'facilitator',
      updatedAt: 1,
    };
    await (await old.addCollections({ cards: { schema: v0 } })).cards.insert(card);
    await old.close();
    db = await openKioskDatabase({ directory: dir.path });
    expect((await db.cards.findOne(card.id).exec())?.toJSON()).toEqual(card);
  });

  it('opens a data folder written before hubs version 1 and keeps the hub PIN as a facilitator', async () => {
    const dir = tempDir();
    dirs.push(dir);
    // the hubs schema as kiosks in the field have it: version 0, one hub-wide facilitatorPin, none of the new fields
    const { closures, repeatScanWindowMs, facilitators, archived, ...kept } = hubSchema.properties;
    const properties = { ...kept, facilitatorPin: facilitators.items.properties.pin };
    const added = new Set(['closures', 'repeatScanWindowMs', 'facilitators', 'archived']);
    const required = hubSchema.required.filter((name) => !added.has(name));
    const v0 = { ...hubSchema, version: 0, properties, required } as unknown as RxJsonSchema<unknown>;
    const old = await createRxDatabase({
      name: 'kiosk',
      storage: getRxStorageBetterSqlite3({ directory: dir.path }),
      multiInstance: false,
      localDocuments: true,
    });
    const hub = {
      id: '01JD0000000000000000000002',
      name: 'Hub Prova',
      address: 'Via Roma 1',
      area: 'Centro',
      targetGroups: ['everyone'],
      focus: { assistance: 'a', promotion: 'p' },
      openingHours: [{ day: 1, open: '09:00', close: '12:00' }],
      position: { lat: 45.3, lon: 8.86 },
      usesCheckout: true,
      facilitatorPin: hashFacilitatorPin('274918', 1024),
      timezone: 'Europe/Rome',
      updatedAt: 1,
    };
    await (await old.addCollections({ hubs: { schema: v0 } })).hubs.insert(hub);
    await old.close();
    db = await openKioskDatabase({ directory: dir.path });
    const migrated = (await db.hubs.findOne(hub.id).exec())?.toJSON();
    const { facilitatorPin, ...same } = hub;
    expect(migrated).toMatchObject({ ...same, closures: [], repeatScanWindowMs: 600_000, archived: false });
    expect(migrated?.facilitators).toEqual([{ id: hub.id, name: 'PIN', pin: facilitatorPin }]);
    expect(verifyFacilitatorPin('274918', migrated?.facilitators[0]?.pin as typeof facilitatorPin)).toBe(
      true,
    );
    void [closures, repeatScanWindowMs, archived];
  });
});
