import { existsSync, readdirSync } from 'node:fs';
import { COLLECTION_NAMES } from '@vigevano/protocol';
import { tempDir } from '@vigevano/testkit/tmp';
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
});
