import { type Checkin, formatHlc } from '@vigevano/protocol';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDatabase } from 'rxdb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KioskIdentity, readIdentity } from '../identity';
import { type KioskReplication, startReplication } from './start-replication';
import { openKioskDatabase } from './test-support/kiosk-database';
import { revokeKiosk } from './test-support/revoke-kiosk';

/** Polls `check` until it holds or `ms` pass; says which. No timing is asserted beyond that bound. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A server at its stream limit answers 429 with Retry-After: the kiosk must wait that long before asking again,
// pull in the meantime, and keep calling itself online, since its pulls and pushes work.
describe('a kiosk refused a live stream', () => {
  let server: DemoServer;
  let identities: KioskIdentity[];
  const cleanups: Array<() => Promise<void>> = [];
  // Starting the demo city's server on a busy machine may take more than the default minute.
  beforeAll(async () => {
    // One stream per device: of a kiosk's two collections, one is always refused (429, Retry-After: 30).
    server = await startDemoServer({ STREAMS_PER_DEVICE: '1' });
    identities = server.kioskDirs().map(readIdentity);
  }, 180_000);
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    await server?.dispose();
  });

  async function kiosk(identity: KioskIdentity, names: Array<'checkins' | 'devices'>) {
    const dir = tempDir('vigevano-kiosk-');
    const database: RxDatabase = await openKioskDatabase(dir.path, names);
    const replication: KioskReplication = startReplication({
      database,
      identity: { ...identity, serverUrl: server.url },
      appVersion: '0.1.0-test',
      backoff: { minMs: 200, maxMs: 2_000 },
      live: { fallbackPullMs: 1_000, safetyPullMs: 600_000 },
    });
    cleanups.push(async () => {
      await replication.stop();
      await database.close();
      dir.remove();
    });
    await replication.awaitInSync();
    return { database, replication };
  }

  it('pulls in its place, hears every change, and stays online', async () => {
    const first = identities[0] as KioskIdentity;
    const neighbour = identities.find((i) => i !== first && i.hubId === first.hubId) as KioskIdentity;
    const revoked = identities.find((i) => i.hubId !== first.hubId) as KioskIdentity;
    const a = await kiosk(first, ['checkins', 'devices']);
    const b = await kiosk(neighbour, ['checkins']);

    const now = Date.now();
    const visit: Checkin = {
      id: ulid(),
      hubId: neighbour.hubId,
      deviceId: neighbour.deviceId,
      cardId: ulid(),
      direction: 'in',
      source: 'camera',
      deviceTime: now,
      hlc: formatHlc({ wallMs: now, counter: 0, node: neighbour.deviceId }),
      updatedAt: now,
    };
    await b.database.collections.checkins?.insert(visit);
    const admin = server.logins().find((l) => l.role === 'admin') as { email: string; password: string };
    await revokeKiosk(server.url, admin, revoked.deviceId);

    // Whichever of the two streams was refused, its collection's change still arrives, within Retry-After's 30 s.
    const checkins = a.database.collections.checkins;
    const devices = a.database.collections.devices;
    expect(await eventually(async () => !!(await checkins?.findOne(visit.id).exec()), 20_000)).toBe(true);
    expect(
      await eventually(
        async () => (await devices?.findOne(revoked.deviceId).exec())?.get('revoked') === true,
        20_000,
      ),
    ).toBe(true);
    expect(a.replication.status).toMatchObject({ online: true, lastError: null });
  });
});
