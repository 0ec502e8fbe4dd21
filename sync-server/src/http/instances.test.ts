import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cityNowRoutes, syncPath } from '@vigevano/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { testStoreKinds } from '../store/test-stores';
import {
  checkinDoc,
  createHubs,
  enrolTestDevice,
  hubDoc,
  newRows,
  type TestDevice,
} from '../sync/test-support';
import { openSse, type SseClient } from '../testing/sse-client';
import { call, demoLogins, login, startTestServer, type TestServer } from '../testing/test-server';
import { buildApp } from './app';

/**
 * Server state lives on the instance (app.activity) and on the store (store.changes), never in a module: two
 * servers built in one process count their own pushes, refusals and streams, hear only their own store's commits,
 * and shutting one down leaves the other's streams open.
 */
describe.each(testStoreKinds())('two servers in one process on %s', (kind) => {
  let one: TestServer;
  let two: TestServer;
  /** a second app on the FIRST server's store: another instance of the same city */
  let twin: FastifyInstance;
  let twinUrl: string;
  let deviceOne: TestDevice;
  let deviceTwo: TestDevice;
  const open: SseClient[] = [];

  beforeAll(async () => {
    [one, two] = await Promise.all([startTestServer(kind, { demoCity: true }), startTestServer(kind)]);
    const [hubOne] = (await createHubs(one.server.store.db, 1)) as [string];
    const [hubTwo] = (await createHubs(two.server.store.db, 1)) as [string];
    deviceOne = await enrolTestDevice(one.server.store.db, hubOne);
    deviceTwo = await enrolTestDevice(two.server.store.db, hubTwo);
    twin = await buildApp({
      config: loadConfig({
        PORT: '0',
        DATA_DIR: one.dataDir,
        DATABASE_URL: 'sqlite::memory:',
        DASHBOARD_DIR: `${one.dataDir}/no-dashboard`,
      }),
      store: one.server.store,
      cardKeys: one.server.cardKeys,
      logger: false,
    });
    twinUrl = (await twin.listen({ host: '127.0.0.1', port: 0 })).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await twin?.close();
    await Promise.all([one?.stop(), two?.stop()]);
  });

  async function stream(url: string, device: TestDevice, collection: string): Promise<SseClient> {
    const s = await openSse(`${url}${syncPath(collection, 'stream')}`, device.token);
    open.push(s);
    expect(await s.waitFor('event: ready', 10_000)).toBe(true);
    return s;
  }

  it('counts pushes and refused writes on the instance that took them', async () => {
    const pushed = await call(`${one.url}${syncPath('checkins', 'push')}`, {
      bearer: deviceOne.token,
      body: newRows([checkinDoc(deviceOne)]),
    });
    expect(pushed.body).toEqual({ conflicts: [] });
    // the server writes hubs: a kiosk pushing one is refused and counted
    const refused = await call(`${one.url}${syncPath('hubs', 'push')}`, {
      bearer: deviceOne.token,
      body: newRows([hubDoc(deviceOne.hubId)]),
    });
    expect(refused.status).toBe(403);

    expect(one.server.app.activity.pushes.total()).toBe(1);
    expect(one.server.app.activity.refusedWrites.byName()).toEqual({ hubs: 1 });
    for (const other of [two.server.app, twin]) {
      expect(other.activity.pushes.total()).toBe(0);
      expect(other.activity.refusedWrites.byName()).toEqual({});
    }
  });

  it('keeps each instance’s streams its own; a commit wakes the streams of every instance on that store only', async () => {
    const onOne = await stream(one.url, deviceOne, 'checkins');
    const onTwin = await stream(twinUrl, deviceOne, 'checkins');
    const onTwo = await stream(two.url, deviceTwo, 'checkins');
    expect(one.server.app.activity.syncStreams.devices()).toEqual([deviceOne.deviceId]);
    expect(twin.activity.syncStreams.devices()).toEqual([deviceOne.deviceId]);
    expect(two.server.app.activity.syncStreams.devices()).toEqual([deviceTwo.deviceId]);

    // pushed through the twin: the first server's stream on the same store hears of it too
    const pushed = await call(`${twinUrl}${syncPath('checkins', 'push')}`, {
      bearer: deviceOne.token,
      body: newRows([checkinDoc(deviceOne)]),
    });
    expect(pushed.body).toEqual({ conflicts: [] });
    expect(await onOne.waitFor('event: changes', 10_000)).toBe(true);
    expect(await onTwin.waitFor('event: changes', 10_000)).toBe(true);
    // the other store's server heard nothing (a push to it afterwards is heard, so the stream is alive)
    expect(onTwo.count('event: changes')).toBe(0);
    await call(`${two.url}${syncPath('checkins', 'push')}`, {
      bearer: deviceTwo.token,
      body: newRows([checkinDoc(deviceTwo)]),
    });
    expect(await onTwo.waitFor('event: changes', 10_000)).toBe(true);
  });

  it('ends only its own streams when one instance shuts down', async () => {
    const admin = demoLogins(one.dataDir).find((l) => l.role === 'admin');
    if (!admin) throw new Error('no demo admin');
    const cookie = await login(one.url, admin.email, admin.password);
    const cityNow = async (url: string) => {
      const controller = new AbortController();
      const res = await fetch(`${url}${cityNowRoutes.stream.path}`, {
        headers: { cookie },
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      let ended = false;
      void (async () => {
        try {
          for await (const _ of res.body as unknown as AsyncIterable<Uint8Array>);
        } catch {
          // aborted
        }
        ended = true;
      })();
      return { ended: () => ended, abort: () => controller.abort() };
    };
    const dashboardOnOne = await cityNow(one.url);
    const dashboardOnTwin = await cityNow(twinUrl);
    const kioskOnOne = await stream(one.url, deviceOne, 'hubs');
    expect(one.server.app.activity.dashboardStreams.size).toBe(1);
    expect(twin.activity.dashboardStreams.size).toBe(1);

    await twin.close();
    for (let i = 0; i < 100 && !dashboardOnTwin.ended(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(dashboardOnTwin.ended()).toBe(true);
    // the first server's dashboard and kiosk streams are still open
    expect(dashboardOnOne.ended()).toBe(false);
    expect(one.server.app.activity.dashboardStreams.size).toBe(1);
    expect(await kioskOnOne.ended(200)).toBe(false);
    dashboardOnOne.abort();
  });
});

describe('the server’s wiring', () => {
  it('imports no module for its side effects: what a module needs, it is given', () => {
    const root = join(import.meta.dirname, '..');
    const bare = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .filter((line) => /^\s*import\s+['"]/.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      );
    expect(bare).toEqual([]);
  });
});
