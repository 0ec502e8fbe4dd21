import { resolve } from 'node:path';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import {
  KIOSK_API_PATH,
  KIOSK_SECRET_META,
  type KioskRouter,
  type KioskState,
  parseCardToken,
  startOfLocalDay,
} from '@vigevano/protocol';
import { adminCookie } from '@vigevano/testkit/admin-login';
import { freePort } from '@vigevano/testkit/ports';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningHubService, startHubService } from '../hub-service';
import { readIdentity } from '../identity';

// The kiosk API as the UI uses it: a tRPC client over a real WebSocket to a hub service synced from a real server.
describe('kiosk API', () => {
  let server: DemoServer;
  let hub: RunningHubService;
  let tokens: string[];
  const clients: Array<{ close(): void }> = [];

  beforeAll(async () => {
    server = await startDemoServer();
    const kioskDir = server.kioskDirs()[0] as string;
    hub = await startHubService({
      dataDir: kioskDir,
      identity: readIdentity(kioskDir),
      uiDir: resolve(import.meta.dirname, '../../../dist/ui'),
      port: await freePort(),
      logger: false,
    });
    const sheet = await (await fetch(`${server.url}/demo/cards`)).text();
    tokens = [...sheet.matchAll(/data-token="([^"]+)"/g)].map((m) => m[1] as string);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await hub?.close();
    await server?.dispose();
  });

  function client(secret: string | undefined, origin?: string) {
    const ws = createWSClient({
      url: hub.url.replace('http', 'ws') + KIOSK_API_PATH,
      connectionParams: secret === undefined ? undefined : { secret },
      // Node 20 has no global WebSocket; the browser's is used in the UI.
      WebSocket: class extends WebSocket {
        constructor(url: string) {
          super(url, origin ? { headers: { origin } } : {});
        }
      } as unknown as typeof globalThis.WebSocket,
      retryDelayMs: () => 100_000,
    });
    clients.push(ws);
    return createTRPCClient<KioskRouter>({ links: [wsLink({ client: ws })] });
  }

  it('checks a demo card in and answers in its language; the card is stored as an event', async () => {
    const api = client(hub.secret);
    // The demo city has a week of history: take a card with no event at this hub today, so the answer is known.
    const hubId = readIdentity(server.kioskDirs()[0] as string).hubId;
    const since = startOfLocalDay('Europe/Rome', Date.now());
    let fresh: { token: string; cardId: string; alias: string; language: string } | undefined;
    for (const token of tokens) {
      const parsed = parseCardToken(token);
      if (!parsed.ok) continue;
      const { cardId, alias, language } = parsed.card;
      const today = await hub.db.checkins
        .count({ selector: { cardId, hubId, deviceTime: { $gte: since } } })
        .exec();
      if (today === 0) {
        fresh = { token, cardId, alias, language };
        break;
      }
    }
    if (!fresh) throw new Error('every demo card already has a check-in at this hub today');
    const before = await hub.db.checkins.count().exec();
    const answer = await api.scan.mutate({ text: fresh.token, source: 'manual' });
    expect(answer).toMatchObject({
      code: 'accepted',
      alias: fresh.alias,
      cardId: fresh.cardId,
      language: fresh.language,
      direction: 'in',
    });
    const stored = await hub.db.checkins.findOne(answer.checkinId).exec();
    expect(stored?.toJSON()).toMatchObject({
      cardId: fresh.cardId,
      hubId,
      deviceId: readIdentity(server.kioskDirs()[0] as string).deviceId,
      direction: 'in',
      source: 'manual',
    });
    expect(await hub.db.checkins.count().exec()).toBe(before + 1);
    const second = await api.scan.mutate({ text: fresh.token, source: 'manual' });
    expect(second.code).toBe('already_checked_in');
    expect(second.checkinId).toBeUndefined();
    expect(await hub.db.checkins.count().exec()).toBe(before + 1);
  });

  it('sends a check-in made at the kiosk to the city server, where the overview counts it', async () => {
    const cookie = await adminCookie(server);
    const today = async () => {
      const overview = (await (
        await fetch(`${server.url}/api/city/overview`, { headers: { cookie } })
      ).json()) as {
        hubs: Array<{ id: string; checkinsToday: number }>;
      };
      return (
        overview.hubs.find((h) => h.id === readIdentity(server.kioskDirs()[0] as string).hubId)
          ?.checkinsToday ?? -1
      );
    };
    const before = await today();
    const answer = await client(hub.secret).guest.mutate({ ageBand: '30_54', firstVisit: false });
    expect(answer.code).toBe('accepted');
    let after = before;
    for (let i = 0; i < 100 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await today();
    }
    expect(after).toBe(before + 1);
  });

  it('refuses bad input with the field named, and a call without the secret', async () => {
    const api = client(hub.secret);
    await expect(api.scan.mutate({ text: '', source: 'manual' })).rejects.toThrow(/text/);
    await expect(api.guest.mutate({ ageBand: 'old' as '18_29', firstVisit: true })).rejects.toThrow(
      /ageBand/,
    );
    const intruder = client('wrong-secret');
    await expect(intruder.state.query()).rejects.toThrow('kiosk API secret required');
  });

  it('streams the idle state to the UI', async () => {
    const api = client(hub.secret);
    const first = await new Promise<KioskState>((resolvePromise, reject) => {
      const sub = api.stateChanges.subscribe(undefined, {
        onData: (state) => {
          sub.unsubscribe();
          resolvePromise(state);
        },
        onError: reject,
      });
    });
    expect(first.hub.id).toBe(readIdentity(server.kioskDirs()[0] as string).hubId);
  });

  it('keeps facilitator calls behind the PIN or a facilitator card', async () => {
    const api = client(hub.secret);
    await expect(api.sessionsToday.query({ token: 'x'.repeat(30) })).rejects.toThrow(
      'modalità facilitatore scaduta',
    );
    const notFacilitator = await api.loginCard.mutate({ text: tokens[1] as string });
    expect(notFacilitator).toEqual({ ok: false, reason: 'not_facilitator' });
  });

  it('serves the UI with the per-launch secret in it, and refuses a WebSocket from another origin', async () => {
    const page = await (await fetch(hub.url)).text();
    expect(page).toContain(`<meta name="${KIOSK_SECRET_META}" content="${hub.secret}">`);
    const refused = await new Promise<number>((resolvePromise) => {
      const ws = new WebSocket(hub.url.replace('http', 'ws') + KIOSK_API_PATH, {
        headers: { origin: 'https://evil.example' },
      });
      ws.on('unexpected-response', (_req, res) => resolvePromise(res.statusCode ?? 0));
      ws.on('open', () => resolvePromise(101));
    });
    expect(refused).toBe(403);
  });
});
