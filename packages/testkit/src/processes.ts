import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { childEnv } from './child-env';
import { freePort } from './ports.ts';
import { tempDir } from './tmp.ts';

// The system's real entry points as child processes, for tests that cross process boundaries the way
// production does (kiosk ⇄ server over HTTP), and for browser tests. Paths, not imports: a kiosk test must not
// import the server's code (dependencies never point sideways between apps).

export const repoRoot = resolve(import.meta.dirname, '../../..');
// tsx's loader inside the child itself, not the tsx CLI: the CLI would put a second process in between, and a
// signal meant for the server or the hub service (SIGKILL above all) would reach only that middle process.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The command that runs a TypeScript entry point of this repository as one Node process. */
export function tsNodeCommand(script: string, args: string[] = []): [string, string[]] {
  return [
    process.execPath,
    ['--import', tsxLoader, script.startsWith('/') ? script : join(repoRoot, script), ...args],
  ];
}

export interface RunningProcess {
  url: string;
  child: ChildProcess;
  /** everything it printed, for a failing test's message */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function startProcess(
  script: string,
  args: string[],
  env: Record<string, string>,
  url: string,
  readyPath: string,
): Promise<RunningProcess> {
  const [command, commandArgs] = tsNodeCommand(script, args);
  const child = spawn(command, commandArgs, {
    cwd: repoRoot,
    env: childEnv({ LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(url + readyPath)).ok) return { url, child, output: () => log, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop('SIGKILL');
  throw new Error(`${script} not ready at ${url}${readyPath} after 60 s:\n${log}`);
}

export interface DemoServer extends RunningProcess {
  dataDir: string;
  /** the environment it was started with, beyond the defaults (a restart uses it again) */
  env: Record<string, string>;
  /** kiosk data directories the demo seed wrote, each with its identity.json */
  kioskDirs(): string[];
  logins(): Array<{ role: string; email: string; password: string }>;
  /** stops the server and deletes its data */
  dispose(): Promise<void>;
}

/** The sync server on a fresh SQLite file with the demo city, on a free port. */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  const data = tempDir('vigevano-demo-');
  return demoServerIn(data, await freePort(), env);
}

/**
 * The same demo city's server again, after `stopped.stop()`: same data directory (the demo seed runs once, so the
 * city is as it was left), same port and environment, so kiosks reach it where they did before (a server that
 * comes back after an outage). Dispose of the returned one, not of `stopped`.
 */
export async function restartDemoServer(stopped: DemoServer): Promise<DemoServer> {
  return demoServerIn(
    { path: stopped.dataDir, remove: () => rmSync(stopped.dataDir, { recursive: true, force: true }) },
    Number(new URL(stopped.url).port),
    stopped.env,
  );
}

async function demoServerIn(
  data: { path: string; remove(): void },
  port: number,
  env: Record<string, string>,
): Promise<DemoServer> {
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess(
    'sync-server/src/main.ts',
    [],
    { PORT: String(port), DATA_DIR: data.path, DEMO_CITY: '1', ...env },
    url,
    '/ready',
  );
  const kiosksDir = join(data.path, 'kiosks');
  return {
    ...server,
    dataDir: data.path,
    env,
    kioskDirs: () =>
      readdirSync(kiosksDir)
        .map((d) => join(kiosksDir, d))
        .filter((d) => existsSync(join(d, 'identity.json'))),
    logins: () => JSON.parse(readFileSync(join(data.path, 'demo-credentials.json'), 'utf8')),
    dispose: async () => {
      await server.stop();
      data.remove();
    },
  };
}

/** A kiosk's hub service in browser mode for the kiosk whose data is in `kioskDir`. */
export async function startHubService(
  kioskDir: string,
  env: Record<string, string> = {},
  /** what "started" means: the kiosk serving its state (enrolled), or only answering (a kiosk to enrol) */
  readyPath: '/api/kiosk/state' | '/health' = '/api/kiosk/state',
): Promise<RunningProcess> {
  const port = await freePort();
  return startProcess(
    'apps/kiosk/src/hub/main.ts',
    ['--data', kioskDir],
    { KIOSK_PORT: String(port), ...env },
    `http://127.0.0.1:${port}`,
    readyPath,
  );
}

/** The demo cards the server prints at /demo/cards: token, card id and alias of each. */
export async function demoCards(
  serverUrl: string,
): Promise<Array<{ token: string; cardId: string; alias: string }>> {
  const html = await (await fetch(`${serverUrl}/demo/cards`)).text();
  return [
    ...html.matchAll(/data-card-id="([^"]+)" data-token="([^"]+)">[\s\S]*?<div class="alias"[^>]*>([^<]*)</g),
  ].map((m) => ({
    cardId: m[1] as string,
    token: m[2] as string,
    alias: (m[3] as string).replace(/&amp;/g, '&'),
  }));
}

/** The facilitator of a demo hub (name and PIN), as the seed wrote it. */
export function demoFacilitator(dataDir: string, hubId: string): { name: string; pin: string } {
  const kiosks = readdirSync(join(dataDir, 'kiosks')).map(
    (d) =>
      JSON.parse(readFileSync(join(dataDir, 'kiosks', d, 'identity.json'), 'utf8')) as {
        hubId: string;
        hubName: string;
      },
  );
  const hubName = kiosks.find((k) => k.hubId === hubId)?.hubName;
  const all = JSON.parse(readFileSync(join(dataDir, 'demo-facilitators.json'), 'utf8')) as Array<{
    hubName: string;
    name: string;
    pin: string;
  }>;
  const found = all.find((f) => f.hubName === hubName);
  if (!found) throw new Error(`no demo PIN for hub ${hubId}`);
  return { name: found.name, pin: found.pin };
}

/** The facilitator PIN of a demo hub, as the seed wrote it. */
export function demoFacilitatorPin(dataDir: string, hubId: string): string {
  return demoFacilitator(dataDir, hubId).pin;
}
