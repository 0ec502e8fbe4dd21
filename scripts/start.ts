// `npm start`: the whole system on one machine. The sync server on embedded SQLite (./data, seeded with the demo
// city on first run), one kiosk hub service in browser mode, the kiosk in Electron when its binary is available,
// and the URLs to open. Ctrl-C stops everything cleanly; a second start reuses ./data.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildUisIfStale } from './start/build-uis';
import { pickDemoKiosk, readDemoCredentials, readDemoFacilitator } from './start/demo-data';
import { electronBinary } from './start/electron';
import { type Child, startChild, stopAll, waitForHttp } from './start/processes';

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(process.env.DATA_DIR ?? `${root}/data`);
const serverPort = Number(process.env.PORT ?? 4400);
const kioskPort = Number(process.env.KIOSK_PORT ?? 4410);
const serverUrl = `http://127.0.0.1:${serverPort}`;
const kioskUrl = `http://127.0.0.1:${kioskPort}`;

const children: Child[] = [];
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping…');
    await stopAll(children);
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  const firstRun = !existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true });
  await buildUisIfStale(root);

  console.log(firstRun ? `First run: seeding the demo city in ${dataDir}` : `Reusing the data in ${dataDir}`);
  const server = startChild('server', ['tsx', `${root}/sync-server/src/main.ts`], {
    PORT: String(serverPort),
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${dataDir}/city.sqlite`,
    DEMO_CITY: '1',
    // Warnings and errors only, so the URLs below stay readable; LOG_LEVEL=info shows every request.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  children.push(server);
  await waitForHttp(`${serverUrl}/ready`, server, 60_000);

  const kiosk = pickDemoKiosk(dataDir);
  const hub = startChild('kiosk', ['tsx', `${root}/apps/kiosk/src/hub/main.ts`, '--data', kiosk.dir], {
    KIOSK_PORT: String(kioskPort),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  children.push(hub);
  await waitForHttp(`${kioskUrl}/api/kiosk/state`, hub, 60_000);

  const electron = await electronBinary(root);
  if (electron.path) {
    children.push(
      startChild('electron', [electron.path, `${root}/apps/kiosk/dist/main/main.cjs`], {
        KIOSK_URL: kioskUrl,
      }),
    );
  }

  const login = readDemoCredentials(dataDir);
  const facilitator = readDemoFacilitator(dataDir, kiosk.hubName);
  console.log(`
Vigevano.inc – City Service Hubs, demo running

  Coordinators' dashboard  ${serverUrl}/
     demo login:            ${login.email}  /  ${login.password}
  Kiosk (${kiosk.hubName}, ${kiosk.name}):  ${kioskUrl}/${electron.path ? '  (also open in Electron)' : ''}
     facilitator mode:      PIN ${facilitator?.pin ?? '(see data/demo-facilitators.json)'} or the card «${facilitator?.card ?? 'facilitator'}»
  Printable demo cards     ${serverUrl}/demo/cards
${electron.path ? '' : `\n  Electron not available (${electron.reason}): the kiosk runs in browser mode.\n`}
Ctrl-C stops everything.`);

  // Any child that dies on its own takes the whole demo down, so nothing keeps running half-started.
  await Promise.race(children.map((c) => c.exited));
  if (!stopping) {
    console.error('A process stopped: stopping everything.');
    await shutdown(1);
  }
}

main().catch(async (error: unknown) => {
  console.error(`\nStart failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
