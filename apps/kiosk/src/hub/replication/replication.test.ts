import { type Card, type PullResponse, syncPath } from '@vigevano/protocol';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { createRevision, type RxDatabase, type WrappedRxStorageInstance } from 'rxdb';
import { filter, firstValueFrom } from 'rxjs';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KioskIdentity, readIdentity } from '../identity';
import { startReplication } from './start-replication';
import { checkinBy } from './test-support/checkin-doc';
import { type FlakyLink, startFlakyLink } from './test-support/flaky-link';
import { openKioskDatabase } from './test-support/kiosk-database';

/** What the server holds of a hub's check-ins, read over the sync API itself with a token of that hub. */
async function serverCheckins(server: DemoServer, identity: KioskIdentity): Promise<string[]> {
  const ids: string[] = [];
  let order = 0;
  for (;;) {
    const res = await fetch(`${server.url}${syncPath('checkins', 'pull')}?order=${order}&limit=2000`, {
      headers: { authorization: `Bearer ${identity.token}` },
    });
    const body = (await res.json()) as PullResponse;
    if (body.documents.length === 0) return ids;
    ids.push(...body.documents.map((d) => String(d.id)));
    order = body.checkpoint?.order ?? order;
  }
}

describe('kiosk replication with a real sync server', () => {
  let server: DemoServer;
  let sameHub: [KioskIdentity, KioskIdentity];
  let otherHub: KioskIdentity;
  const dirs: Array<{ remove(): void }> = [];
  beforeAll(async () => {
    server = await startDemoServer();
    const identities = server.kioskDirs().map(readIdentity);
    const first = identities[0] as KioskIdentity;
    sameHub = [first, identities.find((i) => i !== first && i.hubId === first.hubId) as KioskIdentity];
    otherHub = identities.find((i) => i.hubId !== first.hubId) as KioskIdentity;
  });
  afterAll(async () => {
    await server?.dispose();
    for (const d of dirs) d.remove();
  });

  async function kiosk(identity: KioskIdentity, link: FlakyLink | undefined) {
    const dir = tempDir('vigevano-kiosk-');
    dirs.push(dir);
    const database: RxDatabase = await openKioskDatabase(dir.path, ['checkins', 'sessions', 'cards']);
    const replication = startReplication({
      database,
      identity: { ...identity, serverUrl: link?.url ?? server.url },
      appVersion: '0.1.0-test',
      backoff: { minMs: 50, maxMs: 400 },
    });
    return { database, replication, identity };
  }

  it('pulls its hub’s data, pushes its own check-ins, and a kiosk of the same hub gets them live', async () => {
    const a = await kiosk(sameHub[0], undefined);
    const b = await kiosk(sameHub[1], undefined);
    await Promise.all([a.replication.awaitInSync(), b.replication.awaitInSync()]);

    const seeded = await serverCheckins(server, sameHub[0]);
    expect(seeded.length).toBeGreaterThan(0);
    const local = await a.database.collections.checkins?.find().exec();
    expect(local?.map((d) => d.primary).sort()).toEqual([...seeded].sort());
    expect(local?.every((d) => d.get('hubId') === sameHub[0].hubId)).toBe(true);

    const made = checkinBy(sameHub[0], 1);
    await a.database.collections.checkins?.insert(made);
    // b never asks: the server's live stream brings it.
    const bCheckins = b.database.collections.checkins;
    if (!bCheckins) throw new Error('no checkins collection');
    const arrived = await firstValueFrom(bCheckins.findOne(made.id).$.pipe(filter((doc) => doc !== null)));
    expect(arrived.toJSON()).toMatchObject(made);
    expect(await serverCheckins(server, otherHub)).not.toContain(made.id);
    expect(a.replication.status).toMatchObject({ online: true, waiting: 0, lastError: null });

    await Promise.all([a.replication.stop(), b.replication.stop()]);
    await Promise.all([a.database.close(), b.database.close()]);
  });

  it("issues and revokes its hub's cards through the server, and takes the server's card back when it writes what it may not", async () => {
    const k = await kiosk(sameHub[0], undefined);
    const cards = k.database.collections.cards;
    if (!cards) throw new Error('no cards collection');
    await k.replication.awaitInSync();
    const serverCard = async (id: string) => {
      const res = await fetch(`${server.url}${syncPath('cards', 'pull')}?limit=2000`, {
        headers: { authorization: `Bearer ${otherHub.token}` },
      });
      return ((await res.json()) as PullResponse).documents.find((d) => d.id === id) as Card | undefined;
    };
    // issued offline at this kiosk, as CardIssuer does: its hub, its own name, a visitor's card
    const now = Date.now();
    const issued: Card = {
      id: ulid(),
      hubId: sameHub[0].hubId,
      visitorId: ulid(),
      alias: 'Nadia',
      language: 'fr',
      issuer: sameHub[0].deviceId,
      issuedAt: now,
      revoked: false,
      role: 'visitor',
      updatedAt: now,
    };
    await cards.insert(issued);
    await k.replication.awaitInSync();
    expect(await serverCard(issued.id)).toMatchObject(issued);

    // a kiosk making its card a facilitator's (a bug, or a tampered kiosk): the server answers with its own state
    const doc = await cards.findOne(issued.id).exec();
    await doc?.incrementalPatch({
      role: 'facilitator',
      facilitatorHubs: [sameHub[0].hubId],
      updatedAt: now + 1,
    });
    await k.replication.awaitInSync();
    const corrected = await firstValueFrom(
      cards.findOne(issued.id).$.pipe(filter((d) => d?.get('role') === 'visitor')),
    );
    expect(corrected?.get('facilitatorHubs')).toBeUndefined();
    // kiosk and server settle on the card as issued (the merge keeps the later updatedAt, which a kiosk may change)
    await k.replication.awaitInSync();
    const settled = await serverCard(issued.id);
    expect(settled).toMatchObject({ ...issued, updatedAt: settled?.updatedAt });
    expect(settled?.facilitatorHubs).toBeUndefined();
    expect((await cards.findOne(issued.id).exec())?.toJSON()).toEqual({ ...settled, _deleted: undefined });

    // a lost card of this hub, revoked here: every kiosk of the city hears of it
    const lost = (
      await cards.find({ selector: { hubId: sameHub[0].hubId, issuer: 'server', revoked: false } }).exec()
    )[0];
    if (!lost) throw new Error("the demo city has no server card of this kiosk's hub");
    await lost.incrementalPatch({ revoked: true, revokedAt: now, revokedReason: 'lost', updatedAt: now + 2 });
    await k.replication.awaitInSync();
    expect(await serverCard(lost.primary)).toMatchObject({ revoked: true, revokedReason: 'lost' });
    expect(k.replication.status).toMatchObject({ online: true, waiting: 0, lastError: null });

    await k.replication.stop();
    await k.database.close();
  });

  it('pushes what it wrote with its clock set back by days', async () => {
    const k = await kiosk(sameHub[1], undefined);
    const checkins = k.database.collections.checkins;
    if (!checkins) throw new Error('no checkins collection');
    const first = checkinBy(sameHub[1], 1);
    await checkins.insert(first);
    await k.replication.awaitInSync();
    await k.replication.stop();
    const stamped = (await checkins.findOne(first.id).exec())?.toMutableJSON(true)._meta.lwt as number;

    // The hub service restarts with its clock two days back: RxDB stamps its writes two days before the
    // replication's checkpoint, from which the restarted replication reads what it has to push.
    const late = checkinBy(sameHub[1], 2);
    // Written under RxDB's wrapper, which would stamp the write with this process's clock.
    const storage = (
      checkins.storageInstance as unknown as WrappedRxStorageInstance<
        Record<string, unknown>,
        unknown,
        unknown
      >
    ).originalStorageInstance;
    const written = await storage.bulkWrite(
      [
        {
          document: {
            ...late,
            _deleted: false,
            _attachments: {},
            _rev: createRevision(k.database.token),
            _meta: { lwt: stamped - 2 * 86_400_000 },
          },
        },
      ],
      'clock-set-back',
    );
    expect(written.error).toEqual([]);
    const restarted = startReplication({
      database: k.database,
      identity: { ...sameHub[1], serverUrl: server.url },
      appVersion: '0.1.0-test',
      backoff: { minMs: 50, maxMs: 400 },
    });
    await restarted.awaitInSync();
    expect(await serverCheckins(server, sameHub[1])).toContain(late.id);
    await firstValueFrom(restarted.status$.pipe(filter((s) => s.waiting === 0)));

    await restarted.stop();
    await k.database.close();
  });

  it('keeps working offline, says so in Italian, and pushes everything once the network is back', async () => {
    const link = await startFlakyLink(server.url);
    const k = await kiosk(otherHub, link);
    await k.replication.awaitInSync();
    link.setOnline(false);

    const made = Array.from({ length: 30 }, (_, n) => checkinBy(otherHub, n));
    // Local work does not wait for the network.
    for (const c of made) await k.database.collections.checkins?.insert(c);
    const offline = await firstValueFrom(
      k.replication.status$.pipe(filter((s) => !s.online && s.waiting === made.length)),
    );
    expect(offline.lastError).toMatch(/non raggiungibile|interrotto|nessuna risposta/);
    expect(await serverCheckins(server, otherHub)).not.toContain(made[0]?.id);

    link.setOnline(true);
    const back = await firstValueFrom(k.replication.status$.pipe(filter((s) => s.online && s.waiting === 0)));
    expect(back.lastError).toBeNull();
    expect(back.lastSuccessAt).toBeGreaterThan(offline.lastSuccessAt ?? 0);
    const onServer = await serverCheckins(server, otherHub);
    for (const c of made) expect(onServer).toContain(c.id);
    expect(new Set(onServer).size).toBe(onServer.length);

    await k.replication.stop();
    await k.database.close();
    await link.close();
  });
});
