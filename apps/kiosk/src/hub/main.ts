// The kiosk's hub service in plain Node (browser mode; under Electron the same code runs in a utilityProcess):
//   tsx apps/kiosk/src/hub/main.ts --data <kiosk data dir>
// KIOSK_PORT (default 4410) on 127.0.0.1; SERVER_URL overrides the server address in identity.json.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { HubToMain, MainToHub } from '@vigevano/protocol';
import { type RunningHubService, startHubService } from './hub-service';
import { IdentityError, readIdentity } from './identity';

async function main() {
  const { values } = parseArgs({ options: { data: { type: 'string' } } });
  if (!values.data) {
    console.error('uso: hub service --data <cartella dati del totem>');
    process.exit(2);
  }
  const dataDir = resolve(values.data);
  let identity: ReturnType<typeof readIdentity>;
  try {
    identity = readIdentity(dataDir);
  } catch (error) {
    if (error instanceof IdentityError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (process.env.SERVER_URL) identity = { ...identity, serverUrl: process.env.SERVER_URL };

  const service = await startHubService({
    dataDir,
    identity,
    uiDir: resolve(process.env.KIOSK_UI_DIR ?? resolve(import.meta.dirname, '../../dist/ui')),
    port: Number(process.env.KIOSK_PORT ?? 4410),
    syncIntervalMs: Number(process.env.KIOSK_SYNC_INTERVAL_MS ?? 30_000),
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  console.log(`hub service ready at ${service.url} (kiosk ${identity.deviceId}, hub ${identity.hubId})`);
  connectToShell(service, identity.serverUrl);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

/**
 * Under Electron this process is a utilityProcess: `process.parentPort` links it to the shell (typed messages of
 * packages/protocol). Plain Node has no parentPort, and this does nothing.
 */
function connectToShell(service: RunningHubService, serverUrl: string): void {
  const port = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
  if (!port) return;
  port.on('message', (event) => {
    const message = event.data as MainToHub;
    if (message.type === 'verify-exit-pin')
      void service.verifyExitPin(message.pin).then((result) =>
        port.postMessage({
          type: 'exit-pin-result',
          requestId: message.requestId,
          result,
        } satisfies HubToMain),
      );
  });
  port.postMessage({ type: 'ready', url: service.url, serverUrl } satisfies HubToMain);
}

interface ParentPort {
  postMessage(message: HubToMain): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
