import { resolve } from 'node:path';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { encodeCardToken, KIOSK_API_PATH, type KioskRouter } from '@vigevano/protocol';
import { freePort } from '@vigevano/testkit/ports';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningHubService, startHubService } from '../hub-service';
import { type KioskIdentity, readIdentity } from '../identity';
import { revokeKiosk } from './test-support/revoke-kiosk';

// A stolen kiosk is revoked while another kiosk is online: the online one must stop trusting the stolen one's key
// within seconds, through its live stream (the safety-net pull comes only every 5 minutes).
describe('revoking a kiosk reaches the kiosks that are online', () => {
  let server: DemoServer;
  let hub: RunningHubService;
  let online: KioskIdentity;
  let stolen: KioskIdentity;
  let ws: ReturnType<typeof createWSClient> | undefined;

  // Starting the demo city's server on a busy machine may take more than the default minute.
  beforeAll(async () => {
    server = await startDemoServer();
    const dirs = server.kioskDirs();
    online = readIdentity(dirs[0] as string);
    stolen = dirs.map(readIdentity).find((i) => i.deviceId !== online.deviceId) as KioskIdentity;
    hub = await startHubService({
      dataDir: dirs[0] as string,
      identity: online,
      uiDir: resolve(import.meta.dirname, '../../../dist/ui'),
      port: await freePort(),
      logger: false,
    });
  }, 180_000);
  afterAll(async () => {
    ws?.close();
    await hub?.close();
    await server?.dispose();
  });

  function api() {
    ws = createWSClient({
      url: hub.url.replace('http', 'ws') + KIOSK_API_PATH,
      connectionParams: { secret: hub.secret },
      // Node 20 has no global WebSocket; the browser's is used in the UI.
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      retryDelayMs: () => 100_000,
    });
    return createTRPCClient<KioskRouter>({ links: [wsLink({ client: ws })] });
  }

  /** A card the stolen kiosk prints now, signed with its key: nobody has seen it before. */
  const newCardOfStolenKiosk = (alias: string) =>
    encodeCardToken({ cardId: ulid(), alias, language: 'it', issuedAt: Date.now() }, stolen);

  it('refuses a card newly signed by the revoked kiosk within 5 s', async () => {
    const kioskApi = api();
    // Before: the online kiosk trusts its neighbour's key (cards printed offline at another kiosk count).
    const before = await kioskApi.scan.mutate({ text: newCardOfStolenKiosk('Prima'), source: 'scanner' });
    expect(before.code).toBe('accepted');

    const admin = server.logins().find((l) => l.role === 'admin') as { email: string; password: string };
    await revokeKiosk(server.url, admin, stolen.deviceId);
    const revokedAt = Date.now();
    let answer = before.code as string;
    // Poll with new cards (each one unseen) until refused, for at most 5 s.
    for (let n = 0; answer !== 'unknown_issuer' && Date.now() - revokedAt < 5_000; n++) {
      answer = (await kioskApi.scan.mutate({ text: newCardOfStolenKiosk(`Dopo ${n}`), source: 'scanner' }))
        .code;
      if (answer !== 'unknown_issuer') await new Promise((r) => setTimeout(r, 100));
    }
    expect(answer).toBe('unknown_issuer');
  });
});
