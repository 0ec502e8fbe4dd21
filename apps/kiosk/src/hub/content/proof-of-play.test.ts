import type { Content } from '@vigevano/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';
import { ProofOfPlay } from './proof-of-play';

describe('proof of play', () => {
  let f: KioskFixture;
  afterEach(() => f?.close());

  it('counts shows and seconds per item and local day, in one document each', async () => {
    let now = Date.parse('2026-11-26T10:00:00Z');
    f = await createKioskFixture({ now });
    const item: Content = {
      id: '01JDC0NTENT000000000000001',
      kind: 'news',
      hubIds: [],
      title: { it: 'Notizia' },
      body: { it: 'Testo' },
      schedule: { from: 0, to: now * 2 },
      priority: 1,
      published: true,
      updatedAt: now,
    };
    await f.db.content.insert(item);
    const plays = new ProofOfPlay(
      f.db,
      f.identity,
      async () => 'Europe/Rome',
      () => now,
    );
    await plays.played(item.id, 8);
    await plays.played(item.id, 8);
    // 23:30 UTC is already the next day in Rome: a new document.
    now = Date.parse('2026-11-26T23:30:00Z');
    await plays.played(item.id, 5);
    await plays.played('01JD0000000000000000000099', 5);
    const docs = (await f.db.plays.find().exec())
      .map((d) => d.toJSON())
      .sort((a, b) => a.day.localeCompare(b.day));
    expect(docs.map((d) => [d.day, d.shows, d.seconds, d.contentId, d.deviceId])).toEqual([
      ['2026-11-26', 2, 16, item.id, f.identity.deviceId],
      ['2026-11-27', 1, 5, item.id, f.identity.deviceId],
    ]);
  });
});
