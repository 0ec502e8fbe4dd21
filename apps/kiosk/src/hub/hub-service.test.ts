import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskState } from '@vigevano/protocol';
import {
  type DemoServer,
  type RunningProcess,
  startDemoServer,
  startHubService,
} from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIdentity } from './identity';

// The hub service and the sync server as real processes talking real HTTP, as `npm start` runs them.
describe('hub service in browser mode', () => {
  let server: DemoServer;
  let hub: RunningProcess | undefined;
  let kioskDir: string;
  beforeAll(async () => {
    server = await startDemoServer();
    kioskDir = server.kioskDirs()[0] as string;
  });
  afterAll(async () => {
    await hub?.stop();
    await server.dispose();
  });

  const state = async () => (await (await fetch(`${hub?.url}/api/kiosk/state`)).json()) as KioskState;

  it("serves its hub, today's sessions and content from the server, and caches them on disk", async () => {
    hub = await startHubService(kioskDir);
    const s = await state();
    const identity = readIdentity(kioskDir);
    expect(s.hub.id).toBe(identity.hubId);
    expect(s.device).toEqual({ id: identity.deviceId, name: identity.name });
    expect(s.sync.online).toBe(true);
    expect(s.content.length).toBeGreaterThan(0);
    for (const session of s.sessionsToday) expect(session.hubId).toBe(identity.hubId);
    expect(existsSync(join(kioskDir, 'kiosk.sqlite'))).toBe(true);
    // The UI is served with a strict Content-Security-Policy.
    const page = await fetch(`${hub.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('starts and serves from its cache when the server is gone, saying it is offline', async () => {
    await hub?.stop();
    await server.stop();
    hub = await startHubService(kioskDir);
    const s = await state();
    expect(s.hub.id).toBe(readIdentity(kioskDir).hubId);
    expect(s.sync.online).toBe(false);
    expect(s.sync.lastError).toMatch(/non raggiungibile|interrotto|nessuna risposta/);
  });

  it('refuses to start with a damaged identity, saying what is missing', async () => {
    const empty = tempDir();
    writeFileSync(join(empty.path, 'identity.json'), '{"deviceId": "x"}');
    await expect(startHubService(empty.path)).rejects.toThrow('mancano hubId');
    empty.remove();
  });
});
