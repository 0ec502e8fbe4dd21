import { type Session, SYNC_LIMITS } from '@vigevano/protocol';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDatabase } from 'rxdb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KioskIdentity, readIdentity } from '../identity';
import { type KioskReplication, startReplication } from './start-replication';
import { type FlakyLink, startFlakyLink } from './test-support/flaky-link';
import { openKioskDatabase } from './test-support/kiosk-database';
import { serverDocuments } from './test-support/server-view';

const SESSIONS = 1000;
// 2 200 characters of Ukrainian (2 UTF-8 bytes each): within the schema's 4 000 characters, 4.4 kB per note.
const UKRAINIAN = 'Заняття з цифрової грамотності для дорослих: пошта, банк, запис до лікаря. ';
const note = (n: number) => `${n} ${UKRAINIAN.repeat(40)}`.slice(0, 2200);

export function newSession(hubId: string, n: number, notes = ''): Session {
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
export async function eventually(check: () => Promise<boolean>, describe: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs / 1000} s: ${describe()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

// Issue 14 item 6: a push batch larger than the server's body limit must not stall the kiosk forever.
describe('pushes sized by bytes against a real sync server', () => {
  let server: DemoServer;
  let identity: KioskIdentity;
  let link: FlakyLink;
  let database: RxDatabase;
  let replication: KioskReplication;
  const dir = tempDir('vigevano-kiosk-');
  beforeAll(async () => {
    server = await startDemoServer();
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
    await server?.dispose();
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
