import { type DeviceList, type Session, SYNC_LIMITS } from '@vigevano/protocol';
import { adminCookie } from '@vigevano/testkit/admin-login';
import { startNginxProxy } from '@vigevano/testkit/nginx';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDatabase } from 'rxdb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KioskIdentity, readIdentity } from '../identity';
import { DeviceHealth } from './device-health';
import { type KioskReplication, startReplication } from './start-replication';
import { type FlakyLink, startFlakyLink } from './test-support/flaky-link';
import { openKioskDatabase } from './test-support/kiosk-database';
import { serverDocuments } from './test-support/server-view';

const SESSIONS = 1000;
// 2 200 characters of Ukrainian (2 UTF-8 bytes each): within the schema's 4 000 characters, 4.4 kB per note.
const UKRAINIAN = 'Заняття з цифрової грамотності для дорослих: пошта, банк, запис до лікаря. ';
const note = (n: number) => `${n} ${UKRAINIAN.repeat(40)}`.slice(0, 2200);

function newSession(hubId: string, n: number, notes = ''): Session {
  const startsAt = Date.UTC(2026, 0, 1) + n * 3_600_000;
  return {
    id: ulid(),
    hubId,
    kind: 'lesson',
    activity: 'Alfabetizzazione digitale',
    title: `Lezione ${n}`,
    targetGroup: 'migrant_background',
    startsAt,
    endsAt: startsAt + 3_600_000,
    capacity: 20,
    facilitator: 'Olena',
    status: 'planned',
    notes,
    updatedAt: Date.now(),
  };
}

/** Polls until `check` holds, or fails with the last value `describe` gave. */
async function eventually(check: () => Promise<boolean>, describe: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs / 1000} s: ${describe()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

// Issue 14 item 6: a push batch larger than the server's body limit must not stall the kiosk forever.
let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer();
}, 120_000);
afterAll(async () => {
  await server?.dispose();
});

describe('pushes sized by bytes against a real sync server', () => {
  let identity: KioskIdentity;
  let link: FlakyLink;
  let database: RxDatabase;
  let replication: KioskReplication;
  const dir = tempDir('vigevano-kiosk-');
  beforeAll(async () => {
    identity = readIdentity(server.kioskDirs()[0] as string);
    link = await startFlakyLink(server.url);
    database = await openKioskDatabase(dir.path, ['sessions']);
    replication = startReplication({
      database,
      identity: { ...identity, serverUrl: link.url },
      appVersion: '0.1.0-test',
      backoff: { minMs: 50, maxMs: 400 },
    });
  }, 120_000);
  afterAll(async () => {
    await replication?.stop();
    await database?.close();
    await link?.close();
    dir.remove();
  });

  it('sends 1 000 sessions edited offline with long Ukrainian notes (a 4 MiB+ batch) to the server', async () => {
    const sessions = database.collections.sessions;
    if (!sessions) throw new Error('no sessions collection');
    const made = Array.from({ length: SESSIONS }, (_v, n) => newSession(identity.hubId, n));
    await sessions.bulkInsert(made);
    await replication.awaitInSync();

    link.setOnline(false);
    const edited = made.map((s, n) => ({ ...s, notes: note(n), updatedAt: Date.now() }));
    await sessions.bulkUpsert(edited);
    // The scenario's premise: these edits in one push body exceed the server's limit.
    const oneBatch = Buffer.byteLength(
      JSON.stringify(
        edited.map((s) => ({ newDocumentState: { ...s, _deleted: false }, assumedMasterState: null })),
      ),
    );
    expect(oneBatch).toBeGreaterThan(SYNC_LIMITS.maxPushBytes);

    link.setOnline(true);
    replication.syncNow();
    const wanted = new Map(edited.map((s) => [s.id, s.notes]));
    let arrived = 0;
    await eventually(
      async () => {
        const docs = await serverDocuments(server.url, identity.token, 'sessions');
        arrived = docs.filter((d) => wanted.get(String(d.id)) === d.notes).length;
        return arrived === SESSIONS;
      },
      () =>
        `${arrived} of ${SESSIONS} edited sessions on the server; kiosk status ${JSON.stringify(replication.status)}`,
      180_000,
    );
    await eventually(
      async () => replication.status.waiting === 0,
      () => `kiosk status ${JSON.stringify(replication.status)}`,
      60_000,
    );
  }, 300_000);
});

// A proxy in front of the server with a lower body limit than the protocol's (nginx's default is 1 MiB): one
// session alone exceeds it and can never be pushed. It is reported, stays on the kiosk, and the rest still syncs.
describe('a document that can never fit behind a proxy', () => {
  it('is reported on the kiosk and on the dashboard while the other sessions sync; an edit that fits sends it', async () => {
    const proxy = await startNginxProxy(server.url, '8k');
    if (!proxy) return;
    const first = readIdentity(server.kioskDirs()[0] as string);
    const identity = server
      .kioskDirs()
      .map(readIdentity)
      .find((i) => i.hubId !== first.hubId) as KioskIdentity;
    const dir = tempDir('vigevano-kiosk-');
    const database = await openKioskDatabase(dir.path, ['sessions']);
    const health = new DeviceHealth();
    const replication = startReplication({
      database,
      identity: { ...identity, serverUrl: proxy.url },
      appVersion: '0.1.0-test',
      backoff: { minMs: 50, maxMs: 400 },
      health,
    });
    try {
      const sessions = database.collections.sessions;
      if (!sessions) throw new Error('no sessions collection');
      await replication.awaitInSync();
      // 30 small sessions (together over 8 KiB) and one with 4 000 Chinese characters (12 kB in UTF-8).
      const small = Array.from({ length: 30 }, (_v, n) =>
        newSession(identity.hubId, n, `nota ${n} `.repeat(20)),
      );
      const big = newSession(identity.hubId, 99, '课'.repeat(4000));
      await sessions.bulkInsert([...small.slice(0, 15), big, ...small.slice(15)]);
      replication.syncNow();

      let onServer = new Set<string>();
      await eventually(
        async () => {
          onServer = new Set(
            (await serverDocuments(server.url, identity.token, 'sessions')).map((d) => String(d.id)),
          );
          return small.every((s) => onServer.has(s.id)) && health.state.tooLarge.length === 1;
        },
        () =>
          `${small.filter((s) => onServer.has(s.id)).length} of ${small.length} on the server; too large ${JSON.stringify(health.state.tooLarge)}; status ${JSON.stringify(replication.status)}`,
        120_000,
      );
      expect(onServer.has(big.id)).toBe(false);
      expect(health.state.tooLarge).toEqual([
        { collection: 'sessions', id: big.id, bytes: expect.any(Number) },
      ]);
      // Kept on the kiosk, unchanged.
      expect((await sessions.findOne(big.id).exec())?.notes).toBe(big.notes);

      // The dashboard's Devices page names it (the kiosk reports it with its next request).
      const cookie = await adminCookie(server);
      let row: DeviceList['devices'][number] | undefined;
      await eventually(
        async () => {
          replication.syncNow();
          const list = (await (
            await fetch(`${server.url}/api/dashboard/devices`, { headers: { cookie } })
          ).json()) as DeviceList;
          row = list.devices.find((d) => d.id === identity.deviceId);
          return row?.tooLarge?.count === 1;
        },
        () => JSON.stringify(row),
        60_000,
      );
      expect(row?.tooLarge?.ids).toEqual([`sessions/${big.id}`]);

      // Shortened, it fits: it is pushed and no longer reported.
      await (await sessions.findOne(big.id).exec())?.incrementalPatch({
        notes: '课'.repeat(500),
        updatedAt: Date.now(),
      });
      await eventually(
        async () =>
          health.state.tooLarge.length === 0 &&
          (await serverDocuments(server.url, identity.token, 'sessions')).some((d) => d.id === big.id),
        () => JSON.stringify(health.state),
        60_000,
      );
    } finally {
      await replication.stop();
      await database.close();
      await proxy.stop();
      dir.remove();
    }
  }, 300_000);
});
