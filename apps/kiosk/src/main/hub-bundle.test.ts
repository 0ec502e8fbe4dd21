import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@vigevano/testkit/ports';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIdentity } from '../hub/identity';

const kioskRoot = resolve(import.meta.dirname, '../..');
const bundle = join(kioskRoot, 'dist/hub/hub.cjs');

// The exact file Electron's utilityProcess runs (esbuild's bundle of the hub service), started with plain Node:
// what cannot be tested here is only Electron itself.
describe('hub service bundle for Electron', () => {
  let server: DemoServer;
  beforeAll(async () => {
    if (!existsSync(bundle))
      throw new Error(`${bundle} is missing: run \`npm run build -w apps/kiosk\` first`);
    server = await startDemoServer();
  });
  afterAll(() => server?.dispose());

  it('starts from the bundle, syncs, and serves the UI with its API secret', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [bundle, '--data', server.kioskDirs()[0] as string], {
      env: {
        ...process.env,
        KIOSK_PORT: String(port),
        KIOSK_UI_DIR: join(kioskRoot, 'dist/ui'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      let state: Response | undefined;
      for (let i = 0; i < 150 && !state?.ok; i++) {
        if (child.exitCode !== null) throw new Error(`bundle exited: ${log}`);
        state = await fetch(`${url}/api/kiosk/state`).catch(() => undefined);
        if (!state?.ok) await new Promise((r) => setTimeout(r, 200));
      }
      if (!state?.ok) throw new Error(`no state from the bundle: ${log}`);
      // The state of this kiosk's own hub, synced from the server: the bundle opened the identity and the database.
      const body = (await state.json()) as { hub: { id: string; name: string } };
      const identity = readIdentity(server.kioskDirs()[0] as string);
      expect(body.hub.id).toBe(identity.hubId);
      expect(await (await fetch(url)).text()).toMatch(/<meta name="kiosk-api-secret" content="[^"]{20,}">/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
