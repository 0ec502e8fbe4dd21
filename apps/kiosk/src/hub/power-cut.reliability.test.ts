import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { AGE_BANDS, KIOSK_API_PATH, KIOSK_SECRET_META, type KioskRouter } from '@vigevano/protocol';
import { freePort } from '@vigevano/testkit/ports';
import {
  type DemoServer,
  demoCards,
  repoRoot,
  startDemoServer,
  tsNodeCommand,
} from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openKioskDatabase } from './database/open';
import { readIdentity } from './identity';
import { serverDocuments } from './replication/test-support/server-view';

// Invariant 1 at the level of the whole kiosk: the real hub service process (node with tsx's loader, so the
// SIGKILL hits the writer itself) takes a storm of check-ins over its real API (tRPC over WebSocket, as the UI
// sends them) and is killed with SIGKILL at a random moment, then started again, cycle after cycle. Every
// check-in it answered as accepted must be there after the restart, the SQLite file must pass integrity_check,
// and the kiosk must answer its state endpoint again. The restart times are printed (the goal is under 2 s; a
// time is a figure, not an assertion). At the end the kiosk's replication must have brought every answered
// check-in to the city server, once. RELIABILITY_SCALE=long runs 100 cycles.

const LONG = process.env.RELIABILITY_SCALE === 'long';
const CYCLES = LONG ? 100 : 8;
const PARALLEL_CALLS = 4;
const MAX_KILL_AFTER_MS = 400;
/**
 * What is killed and restarted: by default the hub service as it ships (one esbuild bundle run by plain Node, the
 * way Electron's utilityProcess runs dist/hub/hub.cjs), built fresh from the sources here; POWER_CUT_ENTRY=source
 * runs src/hub/main.ts through tsx's loader instead (slower to start: it compiles as it loads).
 */
const BUNDLED = process.env.POWER_CUT_ENTRY !== 'source';

/** The same bundle as apps/kiosk/scripts/build-electron.mjs makes of the hub service. */
async function bundleHubService(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(import.meta.dirname, 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'warning',
    external: ['better-sqlite3'],
    define: { 'import.meta.dirname': '__dirname' },
  });
}

interface Started {
  child: ChildProcess;
  exited: Promise<void>;
  restartMs: number;
  secret: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

describe('power cut at the kiosk', () => {
  let server: DemoServer;
  let kioskDir: string;
  let port: number;
  const ui = tempDir('vigevano-power-cut-ui-');
  let tokens: string[];

  beforeAll(async () => {
    server = await startDemoServer();
    kioskDir = server.kioskDirs()[0] as string;
    port = await freePort();
    // A minimal UI page: the hub service writes the per-launch API secret into it, as for the real UI.
    writeFileSync(join(ui.path, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    tokens = (await demoCards(server.url)).map((c) => c.token);
    if (BUNDLED) await bundleHubService(join(ui.path, 'hub.cjs'));
  });
  afterAll(async () => {
    await server?.dispose();
    ui.remove();
  });

  /** Starts the hub service and times it until its state endpoint answers: the kiosk is back in service. */
  async function startKiosk(): Promise<Started> {
    const [command, args] = BUNDLED
      ? [process.execPath, [join(ui.path, 'hub.cjs'), '--data', kioskDir]]
      : tsNodeCommand(join(import.meta.dirname, 'main.ts'), ['--data', kioskDir]);
    const began = performance.now();
    const child = spawn(command, args, {
      env: {
        ...process.env,
        KIOSK_PORT: String(port),
        KIOSK_UI_DIR: ui.path,
        LOG_LEVEL: 'warn',
        // the bundle keeps better-sqlite3 outside, as in the packaged app: resolve it from the repository
        NODE_PATH: join(repoRoot, 'node_modules'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    for (;;) {
      if (child.exitCode !== null) throw new Error(`hub service exited with ${child.exitCode}: ${err}`);
      if (performance.now() - began > 60_000) throw new Error(`hub service not back after 60 s: ${err}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/kiosk/state`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      await sleep(10);
    }
    const restartMs = performance.now() - began;
    const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    const secret = new RegExp(`<meta name="${KIOSK_SECRET_META}" content="([^"]+)">`).exec(page)?.[1];
    if (!secret) throw new Error(`no API secret in the page: ${page}`);
    return { child, exited, restartMs, secret };
  }

  function apiClient(secret: string) {
    const ws = createWSClient({
      url: `ws://127.0.0.1:${port}${KIOSK_API_PATH}`,
      connectionParams: { secret },
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      retryDelayMs: () => 1_000_000,
    });
    return { ws, api: createTRPCClient<KioskRouter>({ links: [wsLink({ client: ws })] }) };
  }

  /** The check-in ids in the kiosk's file, read beside the running service, and the file's integrity. */
  function onDisk(): { ids: Set<string>; integrity: unknown } {
    const sqlite = new Database(join(kioskDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const rows = sqlite.prepare('SELECT id FROM "checkins@0" WHERE deleted = 0').all() as Array<{
        id: string;
      }>;
      return {
        ids: new Set(rows.map((r) => r.id)),
        integrity: sqlite.pragma('integrity_check', { simple: true }),
      };
    } finally {
      sqlite.close();
    }
  }

  it(`keeps every answered check-in through ${CYCLES} SIGKILLs of the hub service, and comes back each time`, async () => {
    const answered: string[] = [];
    const restarts: number[] = [];
    let killedWithCallsInFlight = 0;
    let cardIndex = 0;
    let kiosk = await startKiosk();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const { ws, api } = apiClient(kiosk.secret);
      let killed = false;
      let inFlight = 0;
      let firstAnswer: () => void = () => undefined;
      const first = new Promise<void>((r) => {
        firstAnswer = r;
      });
      const storm = Array.from({ length: PARALLEL_CALLS }, async (_, lane) => {
        for (let i = 0; !killed; i++) {
          inFlight += 1;
          try {
            // mostly guests (always a new check-in), some demo cards (a new one, or "already checked in")
            const answer =
              (i + lane) % 4 === 0
                ? await api.scan.mutate({
                    text: tokens[cardIndex++ % tokens.length] as string,
                    source: 'camera',
                  })
                : await api.guest.mutate({
                    ageBand: AGE_BANDS[i % AGE_BANDS.length] as '18_29',
                    firstVisit: false,
                  });
            if (answer.checkinId) answered.push(answer.checkinId);
            firstAnswer();
          } catch {
            // the kill: calls in flight get no answer, and nothing was promised for them
            return;
          } finally {
            inFlight -= 1;
          }
        }
      });
      await first;
      await sleep(Math.random() * MAX_KILL_AFTER_MS);
      if (inFlight > 0) killedWithCallsInFlight += 1;
      killed = true;
      kiosk.child.kill('SIGKILL');
      await kiosk.exited;
      await Promise.all(storm);
      ws.close();

      kiosk = await startKiosk();
      restarts.push(kiosk.restartMs);
      const disk = onDisk();
      expect(disk.integrity, `cycle ${cycle}: integrity_check`).toBe('ok');
      expect(
        answered.filter((id) => !disk.ids.has(id)),
        `cycle ${cycle}: answered as accepted but lost`,
      ).toEqual([]);
    }
    // The kills landed mid-storm, not between calls.
    expect(killedWithCallsInFlight).toBeGreaterThan(CYCLES / 2);
    expect(answered.length).toBeGreaterThan(CYCLES * 5);

    // After all that, replication brings every answered check-in to the city, once.
    const identity = readIdentity(kioskDir);
    let onServer: string[] = [];
    for (let i = 0; i < 120; i++) {
      onServer = (await serverDocuments(server.url, identity.token, 'checkins')).map((d) => String(d.id));
      if (answered.every((id) => onServer.includes(id))) break;
      await sleep(500);
    }
    expect(answered.filter((id) => !onServer.includes(id))).toEqual([]);
    expect(onServer.length).toBe(new Set(onServer).size);

    kiosk.child.kill('SIGTERM');
    await kiosk.exited;
    // And through RxDB itself, as the hub service will read them.
    const db = await openKioskDatabase({ directory: kioskDir });
    const found = await db.checkins.findByIds(answered).exec();
    await db.close();
    expect(answered.filter((id) => !found.has(id))).toEqual([]);

    const sorted = [...restarts].sort((a, b) => a - b);
    const report = {
      entry: BUNDLED ? 'bundle' : 'source',
      cycles: CYCLES,
      answered: answered.length,
      lost: 0,
      killedWithCallsInFlight,
      restartMs: {
        p50: Math.round(percentile(sorted, 50)),
        p90: Math.round(percentile(sorted, 90)),
        max: Math.round(sorted.at(-1) ?? Number.NaN),
        over2s: sorted.filter((ms) => ms > 2_000).length,
      },
    };
    console.log(`[reliability] power-cut ${JSON.stringify(report)}`);
  }, 900_000);
});
