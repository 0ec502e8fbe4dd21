import { join } from 'node:path';
import { syncPath } from '@vigevano/protocol';
import { type CityServerProcess, startCityServer } from '@vigevano/testkit/city-server-process';
import { nginxPath, type RunningNginx, startNginxProxy } from '@vigevano/testkit/nginx';
import { createTestDatabase, postgresAvailable } from '@vigevano/testkit/postgres';
import { availableOrSkip } from '@vigevano/testkit/requirements';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/database';
import { openSse, type SseClient } from '../testing/sse-client';
import { checkinDoc, createHubs, enrolTestDevice, newRows, type TestDevice } from './test-support';

// Two real server processes on one PostgreSQL database behind a real nginx: needs both (skips with the reason
// printed on a laptop without them, fails in CI where VIGEVANO_REQUIRE_POSTGRES/NGINX=1).
const runs =
  postgresAvailable() &&
  availableOrSkip('NGINX', nginxPath() !== undefined, 'multi-instance test skipped: nginx not installed');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!runs)('several server instances on one PostgreSQL, behind nginx', () => {
  let database: { url: string; drop: () => Promise<void> };
  let keys: ReturnType<typeof tempDir>;
  let a: CityServerProcess;
  let b: CityServerProcess;
  let proxy: RunningNginx | undefined;
  let store: Store;
  let hub: string;
  const kiosks: TestDevice[] = [];
  const open: SseClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('multi');
    keys = tempDir('vigevano-multi-keys-');
    // Replicas share the city's card-signing key file (keys/server-key.ts refuses to start with another).
    const env = { CARD_KEY_FILE: join(keys.path, 'card-signing-key.json'), STREAM_HEARTBEAT_SECONDS: '1' };
    a = await startCityServer({ databaseUrl: database.url, demoCity: false, env });
    b = await startCityServer({ databaseUrl: database.url, demoCity: false, env });
    proxy = await startNginxProxy([a.url, b.url], '1m');
    store = openStore(database.url);
    [hub] = (await createHubs(store.db, 1)) as [string];
    for (let i = 0; i < 5; i++) kiosks.push(await enrolTestDevice(store.db, hub, `Chiosco ${i}`));
  }, 180_000);
  afterAll(async () => {
    for (const s of open) s.close();
    await proxy?.stop();
    await Promise.all([a?.dispose(), b?.dispose()]);
    await store?.close();
    await database?.drop();
    keys?.remove();
  });

  async function stream(url: string, device: TestDevice): Promise<SseClient> {
    const s = await openSse(`${url}${syncPath('checkins', 'stream')}`, device.token);
    open.push(s);
    expect(s.status).toBe(200);
    expect(await s.waitFor('event: ready', 20_000)).toBe(true);
    return s;
  }

  /** One kiosk's push as a kiosk does it: retried after a failure (a dead instance, a 502) until answered. */
  async function pushUntilAnswered(url: string, device: TestDevice, docs: object[]): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        const res = await fetch(`${url}${syncPath('checkins', 'push')}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(newRows(docs)),
        });
        const body = (await res.json().catch(() => undefined)) as { conflicts?: unknown[] } | undefined;
        if (res.ok && body?.conflicts?.length === 0) return;
      } catch {
        // the instance died with the request in flight: try again, as the kiosk's replication does
      }
      await sleep(100);
    }
    throw new Error('push never answered');
  }

  it('wakes the kiosks of every instance when one of them takes a push', async () => {
    const [k0, k1, k2, k3] = kiosks as [TestDevice, TestDevice, TestDevice, TestDevice];
    const onA = await stream(a.url, k0);
    const onB = await stream(b.url, k1);
    // and one through the load balancer, whichever instance it reached
    const viaProxy = await stream(proxy?.url as string, k2);

    await pushUntilAnswered(a.url, k3, [checkinDoc(k3)]);
    expect(await onB.waitFor('event: changes', 20_000)).toBe(true);
    expect(await onA.waitFor('event: changes', 20_000)).toBe(true);
    expect(await viaProxy.waitFor('event: changes', 20_000)).toBe(true);

    const beforeOnA = onA.count('event: changes');
    await pushUntilAnswered(b.url, k3, [checkinDoc(k3)]);
    for (let i = 0; i < 500 && onA.count('event: changes') === beforeOnA; i++) await sleep(20);
    expect(onA.count('event: changes')).toBeGreaterThan(beforeOnA);
  });

  it('loses no acknowledged write when one instance is killed mid-burst, and the other goes on', async () => {
    const survivorStream = await stream(b.url, kiosks[4] as TestDevice);
    const acknowledged: string[] = [];
    let killed = false;
    const kiosk = async (device: TestDevice) => {
      for (let n = 0; n < 25; n++) {
        const docs = Array.from({ length: 4 }, () => checkinDoc(device));
        await pushUntilAnswered(proxy?.url as string, device, docs);
        acknowledged.push(...docs.map((d) => d.id));
      }
    };
    const burst = Promise.all(kiosks.slice(0, 4).map(kiosk));
    // kill -9 one instance once the burst is well under way
    while (acknowledged.length < 80) await sleep(10);
    await a.kill();
    killed = true;
    await burst;
    expect(killed).toBe(true);
    expect(acknowledged).toHaveLength(4 * 25 * 4);

    const stored = await store.db
      .selectFrom('documents')
      .select('id')
      .where('collection', '=', 'checkins')
      .where('id', 'in', acknowledged)
      .execute();
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(acknowledged));
    // the survivor's kiosks still hear of new pushes
    const before = survivorStream.count('event: changes');
    await pushUntilAnswered(proxy?.url as string, kiosks[0] as TestDevice, [
      checkinDoc(kiosks[0] as TestDevice),
    ]);
    for (let i = 0; i < 500 && survivorStream.count('event: changes') === before; i++) await sleep(20);
    expect(survivorStream.count('event: changes')).toBeGreaterThan(before);
  });
});
