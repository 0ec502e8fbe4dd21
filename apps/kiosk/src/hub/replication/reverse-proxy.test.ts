import { type Checkin, formatHlc } from '@vigevano/protocol';
import { nginxPath, type RunningNginx, startNginx } from '@vigevano/testkit/nginx';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { availableOrSkip } from '@vigevano/testkit/requirements';
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDatabase } from 'rxdb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KioskIdentity, readIdentity } from '../identity';
import type { LiveTiming } from './server-link';
import { type KioskReplication, startReplication } from './start-replication';
import { openKioskDatabase } from './test-support/kiosk-database';
import { revokeKiosk } from './test-support/revoke-kiosk';

const hasNginx = availableOrSkip(
  'NGINX',
  nginxPath() !== undefined,
  'nginx is not installed: reverse-proxy tests skipped',
);

function newCheckin(identity: KioskIdentity): Checkin {
  const now = Date.now();
  return {
    id: ulid(),
    hubId: identity.hubId,
    deviceId: identity.deviceId,
    cardId: ulid(),
    direction: 'in',
    source: 'camera',
    deviceTime: now,
    hlc: formatHlc({ wallMs: now, counter: 0, node: identity.deviceId }),
    updatedAt: now,
  };
}

/** Polls `check` until it holds or `ms` pass; says which. No timing is asserted beyond that bound. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Kiosks behind a real nginx with its default proxy settings (buffering on, 60 s read timeout): the live stream
// must reach them as it does directly. Pulls standing in for the stream are pushed far out in the first test, so
// only the stream can deliver in time; the second test shows the fallback pulls behind a proxy that buffers anyway.
describe.skipIf(!hasNginx)('live sync through a reverse proxy (nginx)', () => {
  let server: DemoServer;
  let identities: KioskIdentity[];
  const cleanups: Array<() => Promise<void> | void> = [];
  // Starting the demo city's server on a busy machine may take more than the default minute.
  beforeAll(async () => {
    // A 2 s heartbeat: the second test's kiosk then notices a stream buffered by the proxy within seconds.
    server = await startDemoServer({ STREAM_HEARTBEAT_SECONDS: '2' });
    identities = server.kioskDirs().map(readIdentity);
  }, 180_000);
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    await server?.dispose();
  });

  async function proxy(directives = ''): Promise<RunningNginx> {
    const nginx = await startNginx(server.url, directives);
    cleanups.push(() => nginx.stop());
    return nginx;
  }

  async function kiosk(identity: KioskIdentity, url: string, live: Partial<LiveTiming>) {
    const dir = tempDir('vigevano-kiosk-');
    const database: RxDatabase = await openKioskDatabase(dir.path, ['checkins', 'devices']);
    const replication: KioskReplication = startReplication({
      database,
      identity: { ...identity, serverUrl: url },
      appVersion: '0.1.0-test',
      backoff: { minMs: 200, maxMs: 2_000 },
      live,
    });
    cleanups.push(async () => {
      await replication.stop();
      await database.close();
      dir.remove();
    });
    await replication.awaitInSync();
    return { database, replication };
  }

  const hasDoc = (database: RxDatabase, collection: string, id: string, field?: string) => async () => {
    const doc = await database.collections[collection]?.findOne(id).exec();
    return !!doc && (field === undefined || doc.get(field) === true);
  };

  it("delivers a neighbour's check-in and a revocation live, and the kiosk stays online", async () => {
    const nginx = await proxy();
    const first = identities[0] as KioskIdentity;
    const neighbour = identities.find((i) => i !== first && i.hubId === first.hubId) as KioskIdentity;
    const stolen = identities.find((i) => i.hubId !== first.hubId) as KioskIdentity;
    // Only the stream can bring changes within the test's bounds: no fallback or safety pulls for 10 minutes.
    const noPulls = { fallbackPullMs: 600_000, safetyPullMs: 600_000 };
    const a = await kiosk(first, nginx.url, noPulls);
    const b = await kiosk(neighbour, nginx.url, noPulls);

    const visit = newCheckin(neighbour);
    await b.database.collections.checkins?.insert(visit);
    const arrived = await eventually(hasDoc(a.database, 'checkins', visit.id), 30_000);
    expect(arrived, `the check-in did not arrive through nginx; its log: ${nginx.errors()}`).toBe(true);

    const admin = server.logins().find((l) => l.role === 'admin') as { email: string; password: string };
    await revokeKiosk(server.url, admin, stolen.deviceId);
    expect(await eventually(hasDoc(a.database, 'devices', stolen.deviceId, 'revoked'), 30_000)).toBe(true);
    expect(a.replication.status.online).toBe(true);
    expect(b.replication.status.online).toBe(true);
  });

  it('behind a proxy that buffers the stream anyway, pulls in its place and stays online', async () => {
    // Ignoring X-Accel-Buffering, nginx buffers the stream like a proxy that knows no better: nothing arrives.
    const nginx = await proxy('proxy_ignore_headers X-Accel-Buffering;');
    // The same hub as above (the kiosk revoked there is of another hub).
    const first = identities[0] as KioskIdentity;
    const neighbour = identities.find((i) => i !== first && i.hubId === first.hubId) as KioskIdentity;
    const a = await kiosk(first, nginx.url, { fallbackPullMs: 1_000, safetyPullMs: 600_000 });
    const b = await kiosk(neighbour, nginx.url, { fallbackPullMs: 1_000, safetyPullMs: 600_000 });
    // Well past two heartbeats of silence: the kiosk has given the stream up and pulls.
    await new Promise((r) => setTimeout(r, 6_000));
    const visit = newCheckin(neighbour);
    await b.database.collections.checkins?.insert(visit);
    expect(await eventually(hasDoc(a.database, 'checkins', visit.id), 30_000)).toBe(true);
    expect(a.replication.status.online).toBe(true);
    expect(a.replication.status.lastError).toBeNull();
  });
});
