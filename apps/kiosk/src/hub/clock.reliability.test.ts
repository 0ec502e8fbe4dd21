import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { KIOSK_API_PATH, KIOSK_SECRET_META, type KioskRouter, parseHlc } from '@vigevano/protocol';
import { demoAdminCookie } from '@vigevano/testkit/demo-admin';
import {
  type DemoServer,
  type RunningProcess,
  startDemoServer,
  startHubService,
} from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type KioskIdentity, readIdentity } from './identity';
import { serverDocuments } from './replication/test-support/server-view';

// Kiosks whose clocks are days off: two real hub service processes of one hub, each with its whole process's
// clock shifted (a preload replaces Date), check visitors in over their real API and sync with a real server.
// The server must record each kiosk's offset (device_status.clock_offset_ms, shown by the dashboard's devices API),
// and a kiosk whose clock is then set back by days must keep its events in order: its hybrid logical clock never
// goes backwards, so sorting by `hlc` gives the order things happened in, where `deviceTime` would not.

const DAY = 86_400_000;
const BEHIND = -3 * DAY;
const AHEAD = 2 * DAY;
/** how far a measured offset may be from the shift: request time on a busy machine */
const TOLERANCE_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kiosk clocks days off', () => {
  let server: DemoServer;
  const work = tempDir('vigevano-clocks-');
  let kiosks: KioskIdentity[];
  let kioskDirs: string[];
  let admin: string;

  beforeAll(async () => {
    server = await startDemoServer();
    const all = server.kioskDirs().map((dir) => ({ dir, identity: readIdentity(dir) }));
    const hub = all[0]?.identity.hubId;
    const sameHub = all.filter((k) => k.identity.hubId === hub).slice(0, 2);
    expect(sameHub).toHaveLength(2);
    kiosks = sameHub.map((k) => k.identity);
    kioskDirs = sameHub.map((k) => k.dir);
    writeFileSync(join(work.path, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    // Preloaded into the hub service: the whole process sees a clock CLOCK_SHIFT_MS off.
    writeFileSync(
      join(work.path, 'shift-clock.mjs'),
      `const shift = Number(process.env.CLOCK_SHIFT_MS ?? 0);
const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);
class ShiftedDate extends RealDate {
  constructor(...args) { if (args.length === 0) super(realNow() + shift); else super(...args); }
  static now() { return realNow() + shift; }
}
globalThis.Date = ShiftedDate;
`,
    );
    admin = await demoAdminCookie(server);
  });
  afterAll(async () => {
    await server?.dispose();
    work.remove();
  });

  async function startShifted(index: number, shiftMs: number): Promise<RunningProcess & { secret: string }> {
    const hub = await startHubService(kioskDirs[index] as string, {
      CLOCK_SHIFT_MS: String(shiftMs),
      // added to, not replacing, what the run gives children (the hub step under Electron's Node swaps an addon)
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(join(work.path, 'shift-clock.mjs')).href}`.trim(),
      KIOSK_UI_DIR: work.path,
    });
    const page = await (await fetch(`${hub.url}/`)).text();
    const secret = new RegExp(`<meta name="${KIOSK_SECRET_META}" content="([^"]+)">`).exec(page)?.[1];
    if (!secret) throw new Error('no API secret');
    return { ...hub, secret };
  }

  /** `count` guests checked in one after another; the check-in ids in the order the kiosk answered them. */
  async function checkInGuests(hub: { url: string; secret: string }, count: number): Promise<string[]> {
    const ws = createWSClient({
      url: hub.url.replace('http', 'ws') + KIOSK_API_PATH,
      connectionParams: { secret: hub.secret },
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      retryDelayMs: () => 1_000_000,
    });
    const api = createTRPCClient<KioskRouter>({ links: [wsLink({ client: ws })] });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const answer = await api.guest.mutate({ ageBand: '30_54', firstVisit: i === 0 });
      expect(answer.code).toBe('accepted');
      ids.push(answer.checkinId as string);
    }
    ws.close();
    return ids;
  }

  async function onServer(ids: string[]): Promise<Array<Record<string, unknown>>> {
    for (let i = 0; i < 120; i++) {
      const docs = await serverDocuments(server.url, kiosks[0]?.token as string, 'checkins');
      const found = ids.map((id) => docs.find((d) => d.id === id));
      if (found.every(Boolean)) return found as Array<Record<string, unknown>>;
      await sleep(250);
    }
    throw new Error('check-ins did not reach the server');
  }

  async function offsets(): Promise<Map<string, number | null>> {
    const res = await fetch(`${server.url}/api/dashboard/devices`, { headers: { cookie: admin } });
    const body = (await res.json()) as { devices: Array<{ id: string; clockOffsetMs: number | null }> };
    return new Map(body.devices.map((d) => [d.id, d.clockOffsetMs]));
  }

  it('records each kiosk offset, and keeps the order of events through a clock set back by days', async () => {
    const [a, b] = kiosks as [KioskIdentity, KioskIdentity];
    // Kiosk A runs three days behind, kiosk B two days ahead.
    const hubA = await startShifted(0, BEHIND);
    const hubB = await startShifted(1, AHEAD);
    const firstA = await checkInGuests(hubA, 5);
    const firstB = await checkInGuests(hubB, 5);
    await onServer([...firstA, ...firstB]);
    let seen = await offsets();
    for (let i = 0; i < 40 && (seen.get(a.deviceId) == null || seen.get(b.deviceId) == null); i++) {
      await sleep(250);
      seen = await offsets();
    }
    const offsetA = seen.get(a.deviceId) as number;
    const offsetB = seen.get(b.deviceId) as number;
    expect(Math.abs(offsetA - BEHIND), `A's offset ${offsetA}`).toBeLessThan(TOLERANCE_MS);
    expect(Math.abs(offsetB - AHEAD), `B's offset ${offsetB}`).toBeLessThan(TOLERANCE_MS);

    // Someone fixes B's clock: it jumps back two days. B keeps checking visitors in.
    await hubB.stop();
    const fixedB = await startShifted(1, 0);
    const laterB = await checkInGuests(fixedB, 5);
    const docsB = await onServer([...firstB, ...laterB]);
    const hlcs = docsB.map((d) => String(d.hlc));
    // the order things happened in is the order of their clocks, though the wall clock went back two days
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
    const deviceTimes = docsB.map((d) => Number(d.deviceTime));
    expect(deviceTimes[5] as number).toBeLessThan(deviceTimes[4] as number);
    for (const h of hlcs) expect(parseHlc(h)?.node).toBe(b.deviceId);

    // and A's events, all taken three days behind, are in order too
    const docsA = await onServer(firstA);
    const hlcsA = docsA.map((d) => String(d.hlc));
    expect([...hlcsA].sort()).toEqual(hlcsA);
    expect(Math.abs(Number(docsA[0]?.deviceTime) - (Date.now() + BEHIND))).toBeLessThan(10 * 60_000);

    // The server's record follows the kiosk: B's offset is now about zero.
    for (let i = 0; i < 40; i++) {
      seen = await offsets();
      if (Math.abs(seen.get(b.deviceId) ?? AHEAD) < TOLERANCE_MS) break;
      await sleep(250);
    }
    expect(Math.abs(seen.get(b.deviceId) as number)).toBeLessThan(TOLERANCE_MS);
    console.log(
      `[reliability] clocks ${JSON.stringify({ shiftA: BEHIND, recordedA: offsetA, shiftB: AHEAD, recordedB: offsetB, afterFixB: seen.get(b.deviceId) })}`,
    );
    await fixedB.stop();
    await hubA.stop();
  }, 240_000);
});
