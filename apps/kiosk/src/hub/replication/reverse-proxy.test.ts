import { nginxPath, type RunningNginx, startNginx } from '@vigevano/testkit/nginx';
import { availableOrSkip } from '@vigevano/testkit/requirements';
import type { RxDatabase } from 'rxdb';
import { describe, expect, it } from 'vitest';
import type { KioskIdentity } from '../identity';
import { demoCityAroundSuite } from '../testing/demo-city';
import type { LiveTiming } from './server-link';
import { checkinBy } from './test-support/checkin-doc';
import { eventually } from './test-support/eventually';
import { revokeKiosk } from './test-support/revoke-kiosk';
import { syncedKiosk } from './test-support/synced-kiosk';

const hasNginx = availableOrSkip(
  'NGINX',
  nginxPath() !== undefined,
  'nginx is not installed: reverse-proxy tests skipped',
);

// Kiosks behind a real nginx with its default proxy settings (buffering on, 60 s read timeout): the live stream
// must reach them as it does directly. Pulls standing in for the stream are pushed far out in the first test, so
// only the stream can deliver in time; the second test shows the fallback pulls behind a proxy that buffers anyway.
describe.skipIf(!hasNginx)('live sync through a reverse proxy (nginx)', () => {
  // A 2 s heartbeat: the second test's kiosk then notices a stream buffered by the proxy within seconds.
  const city = demoCityAroundSuite({ STREAM_HEARTBEAT_SECONDS: '2' });

  async function proxy(directives = ''): Promise<RunningNginx> {
    const nginx = await startNginx(city.server.url, directives);
    city.cleanups.push(() => nginx.stop());
    return nginx;
  }

  function kiosk(identity: KioskIdentity, serverUrl: string, live: Partial<LiveTiming>) {
    return syncedKiosk({
      identity,
      serverUrl,
      collections: ['checkins', 'devices'],
      live,
      cleanups: city.cleanups,
    });
  }

  const hasDoc = (database: RxDatabase, collection: string, id: string, field?: string) => async () => {
    const doc = await database.collections[collection]?.findOne(id).exec();
    return !!doc && (field === undefined || doc.get(field) === true);
  };

  it("delivers a neighbour's check-in and a revocation live, and the kiosk stays online", async () => {
    const nginx = await proxy();
    const first = city.identities[0] as KioskIdentity;
    const neighbour = city.identities.find((i) => i !== first && i.hubId === first.hubId) as KioskIdentity;
    const stolen = city.identities.find((i) => i.hubId !== first.hubId) as KioskIdentity;
    // Only the stream can bring changes within the test's bounds: no fallback or safety pulls for 10 minutes.
    const noPulls = { fallbackPullMs: 600_000, safetyPullMs: 600_000 };
    const a = await kiosk(first, nginx.url, noPulls);
    const b = await kiosk(neighbour, nginx.url, noPulls);

    const visit = checkinBy(neighbour);
    await b.database.collections.checkins?.insert(visit);
    const arrived = await eventually(hasDoc(a.database, 'checkins', visit.id), 30_000);
    expect(arrived, `the check-in did not arrive through nginx; its log: ${nginx.errors()}`).toBe(true);

    const admin = city.server.logins().find((l) => l.role === 'admin') as { email: string; password: string };
    await revokeKiosk(city.server.url, admin, stolen.deviceId);
    expect(await eventually(hasDoc(a.database, 'devices', stolen.deviceId, 'revoked'), 30_000)).toBe(true);
    expect(a.replication.status.online).toBe(true);
    expect(b.replication.status.online).toBe(true);
  });

  it('behind a proxy that buffers the stream anyway, pulls in its place and stays online', async () => {
    // Ignoring X-Accel-Buffering, nginx buffers the stream like a proxy that knows no better: nothing arrives.
    const nginx = await proxy('proxy_ignore_headers X-Accel-Buffering;');
    // The same hub as above (the kiosk revoked there is of another hub).
    const first = city.identities[0] as KioskIdentity;
    const neighbour = city.identities.find((i) => i !== first && i.hubId === first.hubId) as KioskIdentity;
    const a = await kiosk(first, nginx.url, { fallbackPullMs: 1_000, safetyPullMs: 600_000 });
    const b = await kiosk(neighbour, nginx.url, { fallbackPullMs: 1_000, safetyPullMs: 600_000 });
    // Well past two heartbeats of silence: the kiosk has given the stream up and pulls.
    await new Promise((r) => setTimeout(r, 6_000));
    const visit = checkinBy(neighbour);
    await b.database.collections.checkins?.insert(visit);
    expect(await eventually(hasDoc(a.database, 'checkins', visit.id), 30_000)).toBe(true);
    expect(a.replication.status.online).toBe(true);
    expect(a.replication.status.lastError).toBeNull();
  });
});
