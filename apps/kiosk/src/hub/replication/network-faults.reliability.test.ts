import { type Checkin, formatHlc, generateKeyPair } from '@vigevano/protocol';
import { adminCookie } from '@vigevano/testkit/admin-login';
import { type CityServerProcess, startCityServer } from '@vigevano/testkit/city-server-process';
import { type FaultCounts, type FaultProxy, startFaultProxy } from '@vigevano/testkit/fault-proxy';
import { createTestDatabase, postgresAvailable } from '@vigevano/testkit/postgres';
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDatabase } from 'rxdb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { readIdentity } from '../identity';
import { type KioskReplication, startReplication } from './start-replication';
import { openKioskDatabase } from './test-support/kiosk-database';
import { serverDocuments } from './test-support/server-view';

// Invariant 2 under a bad network and a crashing server: 10 kiosks (real RxDB on our SQLite storage, the real
// replication client) talk to a real sync server process through a fault-injecting HTTP proxy that drops, delays,
// resets, duplicates and truncates; meanwhile the server is killed with SIGKILL mid-push several times and
// restarted on the same store. At the end the server holds exactly the union of every check-in made (count and
// content), none twice, and every kiosk has pushed everything and holds all of its hub's check-ins.
// RELIABILITY_SCALE=long (npm run test:reliability) runs it longer, with more kills.

const LONG = process.env.RELIABILITY_SCALE === 'long';
const KIOSKS = 10;
const CHAOS_MS = LONG ? 90_000 : 8_000;
const SERVER_KILLS = LONG ? 8 : 2;
const CONVERGE_MS = 120_000;
const FAULT_RATES = { drop: 0.08, delay: 0.15, reset: 0.08, duplicate: 0.08, truncate: 0.08 };

interface Device {
  deviceId: string;
  hubId: string;
  token: string;
}
interface Kiosk {
  device: Device;
  dir: { path: string; remove(): void };
  database: RxDatabase;
  replication: KioskReplication;
  made: Checkin[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The demo city's six kiosks, plus more enrolled the real way (a coordinator's code exchanged by the kiosk). */
async function cityDevices(server: CityServerProcess, count: number): Promise<Device[]> {
  const devices: Device[] = server.kioskDirs().map((dir) => readIdentity(dir));
  const cookie = await adminCookie(server);
  const hubs = [...new Set(devices.map((d) => d.hubId))];
  for (let i = 0; devices.length < count; i++) {
    const hubId = hubs[i % hubs.length] as string;
    const codeRes = await fetch(`${server.url}/api/hubs/${hubId}/enrolment-codes`, {
      method: 'POST',
      headers: { cookie },
    });
    const { code } = (await codeRes.json()) as { code: string };
    const enrolRes = await fetch(`${server.url}/api/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: `Totem ${i}`, publicKey: generateKeyPair().publicKey }),
    });
    if (!enrolRes.ok) throw new Error(`enrol: ${enrolRes.status} ${await enrolRes.text()}`);
    devices.push((await enrolRes.json()) as Device);
  }
  return devices.slice(0, count);
}

function checkin(device: Device, counter: number): Checkin {
  const now = Date.now();
  return {
    id: ulid(),
    hubId: device.hubId,
    deviceId: device.deviceId,
    cardId: ulid(),
    direction: counter % 5 === 0 ? 'out' : 'in',
    source: 'scanner',
    deviceTime: now,
    hlc: formatHlc({ wallMs: now, counter: counter % 1000, node: device.deviceId }),
    updatedAt: now,
  };
}

/** Everything the server holds of each hub's check-ins, read over the sync API with one device of the hub. */
async function serverCheckins(server: CityServerProcess, kiosks: Kiosk[]) {
  const byHub = new Map<string, Array<Record<string, unknown>>>();
  for (const k of kiosks)
    if (!byHub.has(k.device.hubId))
      byHub.set(k.device.hubId, await serverDocuments(server.url, k.device.token, 'checkins'));
  return byHub;
}

export interface NetworkFaultsReport {
  store: string;
  kiosks: number;
  checkinsMade: number;
  serverKills: number;
  faults: FaultCounts;
  /** from the healed network until the server held every check-in */
  serverCompleteMs: number;
  /** until every kiosk also reported nothing left to push, and had pulled its hub's check-ins */
  convergeMs: number;
  lost: number;
  duplicated: number;
  changed: number;
}

async function runCity(kind: 'sqlite' | 'postgres'): Promise<NetworkFaultsReport> {
  const pg = kind === 'postgres' ? await createTestDatabase('faults') : undefined;
  const server = await startCityServer({ databaseUrl: pg?.url });
  const proxy: FaultProxy = await startFaultProxy({
    target: server.url,
    seed: kind === 'sqlite' ? 9001 : 9002,
    rates: {},
    maxDelayMs: 400,
  });
  const kiosks: Kiosk[] = [];
  try {
    for (const device of await cityDevices(server, KIOSKS)) {
      const dir = tempDir('vigevano-faults-kiosk-');
      const database = await openKioskDatabase(dir.path, ['checkins']);
      const replication = startReplication({
        database,
        identity: { ...device, serverUrl: proxy.url },
        appVersion: '0.1.0-faults',
        backoff: { minMs: 50, maxMs: 1_000 },
        pushBatchSize: 5,
      });
      kiosks.push({ device, dir, database, replication, made: [] });
    }
    await Promise.all(kiosks.map((k) => k.replication.awaitInSync()));
    const seeded = await serverCheckins(server, kiosks);

    proxy.setRates(FAULT_RATES);
    const until = Date.now() + CHAOS_MS;
    let kills = 0;
    const staff = kiosks.map(async (k) => {
      let counter = 0;
      while (Date.now() < until) {
        await sleep(20 + Math.random() * 80);
        const doc = checkin(k.device, counter++);
        // Accepted once it is on the kiosk's disk: the network and the server have no say in it.
        await k.database.collections.checkins?.insert(doc);
        k.made.push(doc);
      }
    });
    const killer = (async () => {
      for (let i = 0; i < SERVER_KILLS; i++) {
        // evenly spread over the storm, at a random moment in each slot: pushes are always in flight then
        const slot = CHAOS_MS / SERVER_KILLS;
        await sleep(slot * 0.2 + Math.random() * slot * 0.5);
        await server.kill();
        kills += 1;
        await sleep(200 + Math.random() * 600);
        await server.restart();
      }
    })();
    await Promise.all([...staff, killer]);

    // A healthy network again: every kiosk must get everything across by itself (we only nudge it).
    proxy.setRates({});
    const started = Date.now();
    const expectedByHub = new Map<string, Map<string, Checkin>>();
    for (const k of kiosks) {
      const hub = expectedByHub.get(k.device.hubId) ?? new Map<string, Checkin>();
      for (const c of k.made) hub.set(c.id, c);
      expectedByHub.set(k.device.hubId, hub);
    }
    const expectedCount = (hub: string) =>
      (expectedByHub.get(hub)?.size ?? 0) + (seeded.get(hub)?.length ?? 0);
    let serverCompleteMs: number | undefined;
    let reportedLag = false;
    for (;;) {
      for (const k of kiosks) k.replication.syncNow();
      await sleep(500);
      const onServer = await serverCheckins(server, kiosks);
      const settled = kiosks.every((k) => k.replication.status.waiting === 0);
      const complete = [...expectedByHub.keys()].every(
        (hub) => (onServer.get(hub)?.length ?? 0) >= expectedCount(hub),
      );
      if (complete && serverCompleteMs === undefined) serverCompleteMs = Date.now() - started;
      // and every kiosk has pulled all of its hub's check-ins
      let pulledAll = complete;
      const lagging: string[] = [];
      for (const k of pulledAll ? kiosks : []) {
        const local = (await k.database.collections.checkins?.count().exec()) ?? 0;
        const held = onServer.get(k.device.hubId)?.length ?? 0;
        if (local !== held) {
          pulledAll = false;
          lagging.push(`${k.device.deviceId}: ${local}/${held} ${JSON.stringify(k.replication.status)}`);
        }
      }
      // a slow convergence says which kiosk waits, and what its link last said
      if (lagging.length > 0 && Date.now() - started > 10_000 && !reportedLag) {
        reportedLag = true;
        console.log(`[reliability] network-faults lagging after 10 s: ${lagging.join('; ')}`);
      }
      if ((settled && complete && pulledAll) || Date.now() - started > CONVERGE_MS) break;
    }
    await Promise.race([Promise.all(kiosks.map((k) => k.replication.awaitInSync())), sleep(30_000)]);
    const convergeMs = Date.now() - started;

    const onServer = await serverCheckins(server, kiosks);
    let lost = 0;
    let duplicated = 0;
    let changed = 0;
    for (const [hub, expected] of expectedByHub) {
      const docs = onServer.get(hub) ?? [];
      const ids = docs.map((d) => String(d.id));
      duplicated += ids.length - new Set(ids).size;
      const byId = new Map(docs.map((d) => [String(d.id), d]));
      for (const [id, made] of expected) {
        const got = byId.get(id);
        if (!got) lost += 1;
        else {
          const { _deleted, ...body } = got;
          if (JSON.stringify(body) !== JSON.stringify(made) && !sameContent(body, made)) changed += 1;
        }
      }
      // exactly the union: what was there, plus what the hub's kiosks made, nothing else
      expect(new Set(ids)).toEqual(
        new Set([...(seeded.get(hub) ?? []).map((d) => String(d.id)), ...expected.keys()]),
      );
    }
    const report: NetworkFaultsReport = {
      store: kind,
      kiosks: kiosks.length,
      checkinsMade: kiosks.reduce((n, k) => n + k.made.length, 0),
      serverKills: kills,
      faults: proxy.counts(),
      serverCompleteMs: serverCompleteMs ?? -1,
      convergeMs,
      lost,
      duplicated,
      changed,
    };
    console.log(`[reliability] network-faults ${JSON.stringify(report)}`);
    expect({ lost, duplicated, changed }).toEqual({ lost: 0, duplicated: 0, changed: 0 });

    // Every kiosk has pushed all it made and holds every check-in of its hub (its own and its neighbours').
    for (const k of kiosks) {
      expect(k.replication.status.waiting, `kiosk ${k.device.deviceId} still waiting`).toBe(0);
      const local = (await k.database.collections.checkins?.find().exec())?.map((d) => d.primary) ?? [];
      const hubIds = (onServer.get(k.device.hubId) ?? []).map((d) => String(d.id));
      expect(new Set(local)).toEqual(new Set(hubIds));
    }
    // The faults really happened, and the server really died mid-storm.
    expect(kills).toBe(SERVER_KILLS);
    const faults = proxy.counts();
    for (const fault of ['drop', 'reset', 'duplicate', 'truncate', 'delay'] as const)
      expect(faults[fault], `${fault} never happened`).toBeGreaterThan(0);
    expect(faults.upstreamFailed).toBeGreaterThan(0);
    expect(report.checkinsMade).toBeGreaterThan(KIOSKS * 10);
    return report;
  } finally {
    for (const k of kiosks) {
      await k.replication.stop().catch(() => undefined);
      await k.database.close().catch(() => undefined);
      k.dir.remove();
    }
    await proxy.close();
    await server.dispose();
    await pg?.drop();
  }
}

/** Same fields, same values, whatever the key order the server's JSON came back in. */
function sameContent(a: Record<string, unknown>, b: object): boolean {
  const sort = (o: object) =>
    JSON.stringify(Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y))));
  return sort(a) === sort(b);
}

describe('network faults and server crashes between 10 kiosks and the city', () => {
  const kinds: Array<'sqlite' | 'postgres'> = postgresAvailable() ? ['sqlite', 'postgres'] : ['sqlite'];
  for (const kind of kinds)
    it(
      `${kind}: every check-in reaches the server exactly once, unchanged, and every kiosk converges`,
      async () => {
        await runCity(kind);
      },
      CHAOS_MS + CONVERGE_MS + 180_000,
    );
});
