import { generateKeyPair, type PullResponse, SYNC_HEADERS, syncPath } from '@vigevano/protocol';
import { adminCookie } from '@vigevano/testkit/admin-login';
import { type CityServerProcess, startCityServer } from '@vigevano/testkit/city-server-process';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Load: many simulated kiosks against one sync server process on this machine, each holding the live stream of
// check-ins open (as every kiosk does all day), pushing a check-in every few seconds, and pulling when the stream
// says something changed (one pull at a time, as RxDB does). No request may fail; push latency (p50/p99) and the
// server's memory (RSS, sampled every second) are printed; memory must level off: the last window may not be far
// above the second. RELIABILITY_SCALE=long: 200 kiosks for 5 minutes (windows of a minute); short: 50 for 30 s.

const LONG = process.env.RELIABILITY_SCALE === 'long';
const KIOSKS = LONG ? 200 : 50;
const DURATION_MS = LONG ? 5 * 60_000 : 30_000;
/** memory is compared window by window: minutes in the long run, fifths of the short one */
const WINDOW_MS = LONG ? 60_000 : DURATION_MS / 5;
const PUSH_EVERY_MS = [2_000, 4_000] as const;

interface Device {
  deviceId: string;
  hubId: string;
  token: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
function median(xs: number[]): number {
  return percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
}

describe(`load: ${KIOSKS} kiosks streaming and pushing for ${DURATION_MS / 1000} s`, () => {
  let server: CityServerProcess;
  const devices: Device[] = [];

  beforeAll(async () => {
    server = await startCityServer();
    const cookie = await adminCookie(server);
    const overview = (await (
      await fetch(`${server.url}/api/city/overview`, { headers: { cookie } })
    ).json()) as {
      hubs: Array<{ id: string }>;
    };
    for (let i = 0; i < KIOSKS; i++) {
      const hubId = overview.hubs[i % overview.hubs.length]?.id as string;
      const { code } = (await (
        await fetch(`${server.url}/api/hubs/${hubId}/enrolment-codes`, {
          method: 'POST',
          headers: { cookie },
        })
      ).json()) as { code: string };
      const res = await fetch(`${server.url}/api/devices/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: `Carico ${i}`, publicKey: generateKeyPair().publicKey }),
      });
      if (!res.ok) throw new Error(`enrol ${i}: ${res.status} ${await res.text()}`);
      devices.push((await res.json()) as Device);
    }
  }, 180_000);
  afterAll(() => server?.dispose());

  it(
    'serves them all without an error, with memory levelling off',
    async () => {
      const errors: string[] = [];
      const pushMs: number[] = [];
      let pulls = 0;
      let changeEvents = 0;
      const rss: Array<{ at: number; bytes: number }> = [];
      const started = Date.now();
      const until = started + DURATION_MS;
      const controllers: AbortController[] = [];
      let counter = 0;
      const pushedByHub = new Map<string, string[]>();

      const headers = (d: Device, json = false) => ({
        authorization: `Bearer ${d.token}`,
        [SYNC_HEADERS.appVersion]: '0.1.0-load',
        [SYNC_HEADERS.deviceTime]: String(Date.now()),
        ...(json ? { 'content-type': 'application/json' } : {}),
      });

      const kiosk = async (d: Device) => {
        let order: number | undefined;
        let pulling = false;
        let again = false;
        const pull = async () => {
          if (pulling) {
            again = true;
            return;
          }
          pulling = true;
          try {
            do {
              again = false;
              const query = order === undefined ? 'limit=500' : `order=${order}&limit=500`;
              const res = await fetch(`${server.url}${syncPath('checkins', 'pull')}?${query}`, {
                headers: headers(d),
              });
              if (!res.ok) errors.push(`pull ${res.status}`);
              const body = (await res.json()) as PullResponse;
              order = body.checkpoint?.order ?? order;
              pulls += 1;
            } while (again && Date.now() < until);
          } catch (error) {
            errors.push(`pull: ${(error as Error).message}`);
          } finally {
            pulling = false;
          }
        };
        const controller = new AbortController();
        controllers.push(controller);
        const stream = (async () => {
          try {
            const res = await fetch(`${server.url}${syncPath('checkins', 'stream')}`, {
              headers: headers(d),
              signal: controller.signal,
            });
            if (!res.ok || !res.body) {
              errors.push(`stream ${res.status}`);
              return;
            }
            const decoder = new TextDecoder();
            for await (const chunk of res.body) {
              const text = decoder.decode(chunk, { stream: true });
              if (text.includes('event: ready') || text.includes('event: changes')) {
                changeEvents += 1;
                void pull();
              }
            }
            if (Date.now() < until) errors.push('stream ended early');
          } catch (error) {
            if (!controller.signal.aborted) errors.push(`stream: ${(error as Error).message}`);
          }
        })();
        await sleep(Math.random() * PUSH_EVERY_MS[1]);
        while (Date.now() < until) {
          const now = Date.now();
          counter += 1;
          const doc = {
            id: ulid(),
            hubId: d.hubId,
            deviceId: d.deviceId,
            cardId: ulid(),
            direction: 'in',
            source: 'camera',
            deviceTime: now,
            hlc: `${now.toString(36).padStart(9, '0')}-${(counter % 1000).toString(36).padStart(4, '0')}-${d.deviceId}`,
            updatedAt: now,
            _deleted: false,
          };
          const t0 = performance.now();
          try {
            const res = await fetch(`${server.url}${syncPath('checkins', 'push')}`, {
              method: 'POST',
              headers: headers(d, true),
              body: JSON.stringify([{ newDocumentState: doc }]),
            });
            const body = (await res.json()) as { conflicts?: unknown[] };
            if (!res.ok || body.conflicts?.length)
              errors.push(`push ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
            else {
              pushMs.push(performance.now() - t0);
              pushedByHub.set(d.hubId, [...(pushedByHub.get(d.hubId) ?? []), doc.id]);
            }
          } catch (error) {
            errors.push(`push: ${(error as Error).message}`);
          }
          await sleep(PUSH_EVERY_MS[0] + Math.random() * (PUSH_EVERY_MS[1] - PUSH_EVERY_MS[0]));
        }
        controller.abort();
        await stream;
      };

      const sampler = (async () => {
        while (Date.now() < until) {
          const bytes = server.rssBytes();
          if (bytes) rss.push({ at: Date.now() - started, bytes });
          await sleep(1_000);
        }
      })();
      await Promise.all([...devices.map((d) => kiosk(d)), sampler]);

      const windows: number[] = [];
      for (let from = 0; from + WINDOW_MS <= DURATION_MS + 1; from += WINDOW_MS)
        windows.push(median(rss.filter((s) => s.at >= from && s.at < from + WINDOW_MS).map((s) => s.bytes)));
      const sorted = [...pushMs].sort((a, b) => a - b);
      const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
      const report = {
        kiosks: KIOSKS,
        seconds: DURATION_MS / 1000,
        pushes: pushMs.length,
        pulls,
        streamEvents: changeEvents,
        errors: errors.length,
        pushMs: {
          p50: Math.round(percentile(sorted, 50) * 10) / 10,
          p99: Math.round(percentile(sorted, 99) * 10) / 10,
          max: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
        },
        rssMbByWindow: windows.map(mb),
        rssMbMax: mb(Math.max(...rss.map((s) => s.bytes))),
      };
      console.log(`[reliability] load ${JSON.stringify(report)}`);

      expect(errors.slice(0, 10)).toEqual([]);
      expect(pushMs.length).toBeGreaterThan((KIOSKS * DURATION_MS) / PUSH_EVERY_MS[1] / 2);
      // every answered push is on the server, once
      for (const hubId of new Set(devices.map((d) => d.hubId))) {
        const reader = devices.find((d) => d.hubId === hubId) as Device;
        const ids: string[] = [];
        for (let order = 0; ; ) {
          const res = await fetch(`${server.url}${syncPath('checkins', 'pull')}?order=${order}&limit=2000`, {
            headers: headers(reader),
          });
          const body = (await res.json()) as PullResponse;
          if (body.documents.length === 0) break;
          ids.push(...body.documents.map((doc) => String(doc.id)));
          order = body.checkpoint?.order ?? order;
        }
        expect(ids.length).toBe(new Set(ids).size);
        const held = new Set(ids);
        expect((pushedByHub.get(hubId) ?? []).filter((id) => !held.has(id))).toEqual([]);
      }
      // Memory levels off: the last window's median is within 25 % (and 64 MB) of the second window's.
      const second = windows[1] as number;
      const last = windows.at(-1) as number;
      expect(windows.length).toBeGreaterThanOrEqual(4);
      expect(mb(last), `RSS by window (MB): ${windows.map(mb).join(', ')}`).toBeLessThan(
        mb(Math.max(second * 1.25, second + 64 * 1024 * 1024)),
      );
    },
    DURATION_MS + 240_000,
  );
});
