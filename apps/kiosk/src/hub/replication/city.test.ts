import { type Checkin, SESSION_STATUSES, type Session } from '@vigevano/protocol';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDatabase } from 'rxdb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type KioskIdentity, readIdentity } from '../identity';
import { type KioskReplication, startReplication } from './start-replication';
import { checkinBy } from './test-support/checkin-doc';
import { type FlakyLink, startFlakyLink } from './test-support/flaky-link';
import { openKioskDatabase } from './test-support/kiosk-database';
import { serverDocuments } from './test-support/server-view';

// The city test: a real sync server (the demo city, SQLite) and 5 kiosks in 3 hubs, each a real RxDB on its own
// SQLite file behind its own network link that goes down and up at random, while staff check visitors in and
// edit sessions. At the end the server holds exactly the union of the check-ins (none lost, none twice), every
// kiosk holds its hub's, and concurrent session edits are settled by the written merge policy.

interface Kiosk {
  identity: KioskIdentity;
  link: FlakyLink;
  database: RxDatabase;
  replication: KioskReplication;
  made: Checkin[];
}

const CHAOS_MS = 5_000;
const rank = (status: Session['status']) => SESSION_STATUSES.indexOf(status);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: DemoServer;
const kiosks: Kiosk[] = [];
const dirs: Array<{ remove(): void }> = [];

beforeAll(async () => {
  server = await startDemoServer();
  const byHub = new Map<string, KioskIdentity[]>();
  for (const identity of server.kioskDirs().map(readIdentity))
    byHub.set(identity.hubId, [...(byHub.get(identity.hubId) ?? []), identity]);
  const hubs = [...byHub.values()];
  expect(hubs).toHaveLength(3);
  // two kiosks in two hubs, one in the third
  const chosen = [
    ...(hubs[0] ?? []).slice(0, 2),
    ...(hubs[1] ?? []).slice(0, 2),
    ...(hubs[2] ?? []).slice(0, 1),
  ];
  for (const identity of chosen) {
    const dir = tempDir('vigevano-city-kiosk-');
    dirs.push(dir);
    const link = await startFlakyLink(server.url);
    const database = await openKioskDatabase(dir.path, ['checkins', 'sessions']);
    const replication = startReplication({
      database,
      identity: { ...identity, serverUrl: link.url },
      appVersion: '0.1.0-city',
      backoff: { minMs: 30, maxMs: 300 },
      pushBatchSize: 7,
    });
    kiosks.push({ identity, link, database, replication, made: [] });
  }
  await Promise.all(kiosks.map((k) => k.replication.awaitInSync()));
});

afterAll(async () => {
  for (const k of kiosks) {
    await k.replication.stop();
    await k.database.close();
    await k.link.close();
  }
  await server?.dispose();
  for (const d of dirs) d.remove();
});

it('merges a city of kiosks going offline and online at random: every check-in exactly once, sessions by policy', async () => {
  const seeded = new Map<string, Set<string>>();
  for (const k of kiosks) {
    const docs = await serverDocuments(server.url, k.identity.token, 'checkins');
    seeded.set(k.identity.hubId, new Set(docs.map((d) => String(d.id))));
  }
  // The sessions each hub's staff will edit concurrently: two per hub, and every status and note they set.
  const edited = new Map<string, { statuses: Array<Session['status']>; tags: string[] }>();
  for (const k of kiosks) {
    const sessions = await k.database.collections.sessions?.find({ sort: [{ id: 'asc' }], limit: 2 }).exec();
    expect(sessions?.length).toBe(2);
    for (const s of sessions ?? [])
      if (!edited.has(s.primary)) edited.set(s.primary, { statuses: [s.get('status')], tags: [] });
  }

  // Two kiosks of one hub, both offline, record different check-ins under the same id: an immutable conflict.
  const [twinA, twinB] = kiosks as [Kiosk, Kiosk];
  twinA.link.setOnline(false);
  twinB.link.setOnline(false);
  const twinId = ulid();
  const twinBodies = [
    { ...checkinBy(twinA.identity, 0, { source: 'scanner' }), id: twinId, direction: 'in' as const },
    { ...checkinBy(twinB.identity, 0, { source: 'scanner' }), id: twinId, direction: 'out' as const },
  ];
  await twinA.database.collections.checkins?.insert(twinBodies[0]);
  await twinB.database.collections.checkins?.insert(twinBodies[1]);

  const until = Date.now() + CHAOS_MS;
  const chaos = kiosks.map(async (k) => {
    while (Date.now() < until) {
      await sleep(50 + Math.random() * 400);
      k.link.setOnline(Math.random() < 0.5);
    }
    k.link.setOnline(true);
  });
  const staff = kiosks.map(async (k, index) => {
    let counter = 1;
    const sessions = await k.database.collections.sessions?.find({ sort: [{ id: 'asc' }], limit: 2 }).exec();
    while (Date.now() < until) {
      await sleep(Math.random() * 60);
      if (Math.random() < 0.85) {
        const doc = checkinBy(k.identity, counter++, {
          direction: Math.random() < 0.8 ? 'in' : 'out',
          source: 'scanner',
        });
        // Accepted only once it is on the kiosk's disk; the network has no say in it.
        await k.database.collections.checkins?.insert(doc);
        k.made.push(doc);
      } else {
        const session = sessions?.[Math.floor(Math.random() * sessions.length)];
        if (!session) continue;
        const record = edited.get(session.primary);
        // Staff move a session's status forward only (planned → open → closed), from what the kiosk shows.
        const current = rank(session.getLatest().get('status'));
        const status = SESSION_STATUSES[
          current + Math.floor(Math.random() * (3 - current))
        ] as Session['status'];
        const tag = `k${index}n${counter++}`;
        record?.statuses.push(status);
        record?.tags.push(tag);
        await session.getLatest().incrementalModify((s: Session) => ({
          ...s,
          status,
          notes: s.notes ? `${s.notes}\n${tag}` : tag,
          updatedAt: Date.now(),
        }));
      }
    }
  });
  await Promise.all([...chaos, ...staff]);

  // Everyone is back online: replicate until the kiosks have nothing left to say and have heard everything.
  for (let round = 0; round < 4; round++) {
    for (const k of kiosks) k.replication.syncNow();
    await Promise.all(kiosks.map((k) => k.replication.awaitInSync()));
    await sleep(300);
  }
  await Promise.all(kiosks.map((k) => k.replication.awaitInSync()));

  const totalMade = kiosks.reduce((n, k) => n + k.made.length, 0);
  expect(totalMade).toBeGreaterThan(50);
  for (const k of kiosks) {
    expect(k.replication.status).toMatchObject({ online: true, waiting: 0, lastError: null });
    const hub = k.identity.hubId;
    const onServer = (await serverDocuments(server.url, k.identity.token, 'checkins')).map((d) =>
      String(d.id),
    );
    const expected = new Set([
      ...(seeded.get(hub) ?? []),
      twinId,
      ...kiosks.filter((o) => o.identity.hubId === hub).flatMap((o) => o.made.map((c) => c.id)),
    ]);
    if (hub !== twinA.identity.hubId) expected.delete(twinId);
    // exactly the union: nothing lost, nothing twice, nothing of another hub
    expect(onServer).toHaveLength(new Set(onServer).size);
    expect(new Set(onServer)).toEqual(expected);
    // and the kiosk holds its hub's check-ins, all of them
    const local = (await k.database.collections.checkins?.find().exec())?.map((d) => d.primary) ?? [];
    expect(new Set(local)).toEqual(expected);
  }

  // The immutable conflict: the first body to reach the server won, everywhere.
  const twinOnServer = (await serverDocuments(server.url, twinA.identity.token, 'checkins')).find(
    (d) => d.id === twinId,
  );
  const winner = twinBodies.find((b) => b.deviceId === twinOnServer?.deviceId);
  expect(winner).toBeDefined();
  for (const k of [twinA, twinB])
    expect((await k.database.collections.checkins?.findOne(twinId).exec())?.toJSON()).toEqual(winner);

  // Sessions: every kiosk of the hub agrees with the server; the status only moved forward; no note was lost.
  for (const k of kiosks) {
    const serverSessions = await serverDocuments(server.url, k.identity.token, 'sessions');
    for (const [id, record] of edited) {
      const onServer = serverSessions.find((s) => s.id === id) as
        | (Session & { _deleted: boolean })
        | undefined;
      if (!onServer) continue; // a session of another hub
      const local = (await k.database.collections.sessions?.findOne(id).exec())?.toJSON() as Session;
      const { _deleted, ...serverBody } = onServer;
      expect(local).toEqual(serverBody);
      expect(rank(onServer.status)).toBe(Math.max(...record.statuses.map(rank)));
      for (const tag of record.tags) expect(onServer.notes).toContain(tag);
    }
  }
}, 120_000);
