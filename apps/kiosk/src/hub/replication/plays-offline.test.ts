import { type Content, type Play, type PullResponse, syncPath } from '@vigevano/protocol';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDatabase } from 'rxdb';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProofOfPlay } from '../content/proof-of-play';
import type { KioskDatabase } from '../database/open';
import { type KioskIdentity, readIdentity } from '../identity';
import { startReplication } from './start-replication';
import { type FlakyLink, startFlakyLink } from './test-support/flaky-link';
import { openKioskDatabase } from './test-support/kiosk-database';

const DAY = 86_400_000;
const OFFLINE_DAYS = 21;

/** The server's `plays` documents of a hub, over the sync API with a kiosk token of that hub, and the feed's end. */
async function serverPlays(
  server: DemoServer,
  identity: KioskIdentity,
): Promise<{ plays: Play[]; order: number }> {
  const plays: Play[] = [];
  let order = 0;
  for (;;) {
    const res = await fetch(`${server.url}${syncPath('plays', 'pull')}?order=${order}&limit=2000`, {
      headers: { authorization: `Bearer ${identity.token}` },
    });
    const body = (await res.json()) as PullResponse;
    if (body.documents.length === 0) return { plays, order };
    plays.push(...(body.documents as unknown as Play[]));
    order = body.checkpoint?.order ?? order;
  }
}

const counts = (plays: Play[]) =>
  plays
    .map((p) => ({ id: p.id, day: p.day, shows: p.shows, seconds: p.seconds }))
    .sort((a, b) => a.id.localeCompare(b.id));

describe('proof of play after weeks offline', () => {
  let server: DemoServer;
  let link: FlakyLink;
  let identity: KioskIdentity;
  const dirs: Array<{ remove(): void }> = [];
  beforeAll(async () => {
    server = await startDemoServer();
    identity = readIdentity(server.kioskDirs()[0] as string);
    link = await startFlakyLink(server.url);
  });
  afterAll(async () => {
    await link?.close();
    await server?.dispose();
    for (const d of dirs) d.remove();
  });

  it(`reaches the server exactly once after ${OFFLINE_DAYS} days offline, and a second sync changes nothing`, async () => {
    const dir = tempDir('vigevano-kiosk-');
    dirs.push(dir);
    const database: RxDatabase = await openKioskDatabase(dir.path, ['content', 'plays']);
    const start = () =>
      startReplication({
        database,
        identity: { ...identity, serverUrl: link.url },
        appVersion: '0.1.0-test',
        backoff: { minMs: 50, maxMs: 400 },
      });
    let replication = start();
    await replication.awaitInSync();
    const items =
      (await database.collections.content?.find().exec())?.map((d) => d.toJSON() as Content) ?? [];
    expect(items.length).toBeGreaterThan(2);
    const before = await serverPlays(server, identity);

    link.setOnline(false);
    // The attract loop over three weeks without network: a few hundred shows a day, the kiosk's clock moving on.
    let now = Date.now() - OFFLINE_DAYS * DAY;
    const plays = new ProofOfPlay(
      database as unknown as KioskDatabase,
      identity,
      async () => 'Europe/Rome',
      () => now,
    );
    for (let day = 0; day < OFFLINE_DAYS; day += 1) {
      const shows = 5 + ((day * 7) % 11);
      for (let n = 0; n < shows; n += 1) {
        const item = items[(day + n) % items.length] as Content;
        await plays.played(item.id, 8);
        now += 60_000;
      }
      now = Date.now() - (OFFLINE_DAYS - day - 1) * DAY;
    }
    const local = (
      await database.collections.plays?.find({ selector: { deviceId: identity.deviceId } }).exec()
    )?.map((d) => d.toJSON() as Play);
    const written = local ?? [];
    expect(new Set(written.map((p) => p.day)).size).toBe(OFFLINE_DAYS);
    const offline = await firstValueFrom(replication.status$.pipe(filter((s) => !s.online && s.waiting > 0)));
    expect(offline.waiting).toBe(written.length);
    const mine = (p: Play) => p.deviceId === identity.deviceId;
    expect((await serverPlays(server, identity)).plays.filter(mine)).toEqual(before.plays.filter(mine));

    link.setOnline(true);
    await firstValueFrom(replication.status$.pipe(filter((s) => s.online && s.waiting === 0)));
    const synced = await serverPlays(server, identity);
    expect(counts(synced.plays.filter(mine))).toEqual(counts(written));
    expect(synced.plays.filter(mine).reduce((sum, p) => sum + p.shows, 0)).toBe(
      written.reduce((sum, p) => sum + p.shows, 0),
    );

    // The hub service restarts and syncs again: nothing new to push, the server writes nothing.
    await replication.stop();
    replication = start();
    await replication.awaitInSync();
    await firstValueFrom(replication.status$.pipe(filter((s) => s.online && s.waiting === 0)));
    const again = await serverPlays(server, identity);
    expect(again.order).toBe(synced.order);
    expect(counts(again.plays.filter(mine))).toEqual(counts(written));

    await replication.stop();
    await database.close();
  });
});
