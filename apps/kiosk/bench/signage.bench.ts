/**
 * `npm run bench:signage [-- --json] [--hours 24] [--rotation-ms 50]` (build the kiosk first:
 * `npm run build -w apps/kiosk`)
 *
 * The idle kiosk as an info screen (issue 17): a demo city's sync server with 200 published city-wide items, the
 * first 100 with a ~1 MB picture (~100 MB of media; seedSignageCity in signage-city.ts makes them), an enrolled
 * kiosk's hub service synced with it, and the built UI in Debian's Chromium at 1920×1080 (with Chromium's fake
 * camera, as the attract screen films all the time).
 *
 * WHAT IT MEASURES TODAY: the pictures go through the version-0 image upload, which kiosks neither download nor
 * show; so the kiosk rotates 200 text items and the 100 MB stay on the server. When the media upload (content v1
 * `media`, kiosk media store) is merged, seedSignageCity switches to it and the same figures include media.
 *
 * 1. Time to first frame after launch: Chromium launch → the first animation frame after the first info screen's
 *    heading reached the DOM (three launches; and the hub service's process start → its state answering).
 * 2. Switch time: for each info screen that comes on, from React's change reaching the DOM (a MutationObserver in
 *    the page) to the start of the next animation frame (p50 / p95 / max); and how late each switch came against
 *    the rotation interval (p95 of the interval between two switches minus the interval).
 *    Dropped frames: gaps over 50 ms in a requestAnimationFrame loop during the rotation (count and longest).
 * 3. Memory after 24 simulated hours: a day at the kiosk's pace (one item every 8 s) is 10 800 switches; the page
 *    is opened with `?rotationMs=R` (default 50 ms) so the day runs in 10 800 × R (9 minutes at 50 ms). Samples
 *    after a forced garbage collection (CDP HeapProfiler.collectGarbage): the page's JS heap in use
 *    (Performance.getMetrics JSHeapUsedSize) and the resident memory (RSS, /proc) of Chromium's renderer
 *    processes and of the hub service; baseline after the first simulated hour (the page warmed up), last at the
 *    end. Goal: growth ≤ 10 %. What is not compressed: the hub service's state push every 15 s and its sync run
 *    in real time, so the run sees ~36 of them, not a day's 5 760; every switch records a play through the kiosk
 *    API, as it would over the day.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '@vigevano/testkit/chromium';
import { type RunningProcess, startDemoServer, startHubService } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { hubSynced } from '../src/ui/scanner/testing/cdp-keyboard';
import { seedSignageCity } from './signage-city';
import { round, summary } from './stats';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    hours: { type: 'string', default: '24' },
    'rotation-ms': { type: 'string', default: '50' },
  },
});
const hours = Number(args.hours);
const rotationMs = Number(args['rotation-ms']);
if (!(hours > 0)) throw new Error('--hours takes a number of simulated hours > 0');
if (!Number.isInteger(rotationMs) || rotationMs < 50)
  throw new Error('--rotation-ms takes a whole number ≥ 50');
const log = (line: string) => {
  if (!args.json) console.log(line);
};

const ITEMS = 200;
const MEDIA_FILES = 100;
const MEDIA_FILE_BYTES = 1_000_000;
/** The kiosk's own pace (ContentRotator): a simulated hour is this many switches. */
const SWITCHES_PER_HOUR = 3_600_000 / 8_000;

interface Switch {
  committed: number;
  frame: number;
}
interface PageRecord {
  firstFrameAt: number | null;
  switches: Switch[];
  longFrames: number[];
  frames: number;
}

/** Reads and empties what the page probe recorded. */
const drain = (page: Page) =>
  page.evaluate(() => {
    const record = (globalThis as unknown as { __signage: PageRecord }).__signage;
    const out = { ...record, switches: record.switches.splice(0), longFrames: record.longFrames.splice(0) };
    record.frames = 0;
    return out;
  });

/** Resident memory (bytes) of a process and every process below it, from /proc (Linux). */
function treeRss(root: number, where: (cmdline: string) => boolean = () => true): number {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const below = (pid: number): boolean =>
    pid === root || (parent.has(pid) && below(parent.get(pid) as number));
  let bytes = 0;
  for (const pid of parent.keys()) {
    if (!below(pid)) continue;
    try {
      if (!where(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      bytes += Number(rss ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return bytes;
}

/** The Chromium browser process of a persistent context: the one started with its profile folder. */
function browserPid(profile: string): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmdline.includes(`--user-data-dir=${profile}`) && !cmdline.includes('--type=')) return Number(name);
    } catch {
      // the process ended meanwhile
    }
  }
  throw new Error(`no Chromium process with the profile ${profile}`);
}

async function launch(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    ...chromiumLaunchOptions(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']),
    viewport: { width: 1920, height: 1080 },
  });
}

const work = tempDir('vigevano-bench-signage-');
const server = await startDemoServer();
let hub: RunningProcess | undefined;
try {
  log(`demo city started; seeding ${ITEMS} items, ${MEDIA_FILES} pictures of ~${MEDIA_FILE_BYTES / 1e6} MB…`);
  const seeded = await seedSignageCity(server, {
    items: ITEMS,
    mediaFiles: MEDIA_FILES,
    mediaFileBytes: MEDIA_FILE_BYTES,
  });
  log(
    `seeded: ${seeded.items} items, ${seeded.mediaFiles} pictures, ${round(seeded.mediaBytes / 1e6, 1)} MB`,
  );
  const hubStarted = performance.now();
  hub = await startHubService(server.kioskDirs()[0] as string);
  const hubReadyMs = performance.now() - hubStarted;
  await hubSynced(hub.url);
  const shown = async () =>
    ((await (await fetch(`${(hub as RunningProcess).url}/api/kiosk/state`)).json()) as { content: unknown[] })
      .content.length;
  for (let waited = 0; (await shown()) < ITEMS; waited += 1) {
    if (waited > 120) throw new Error(`the kiosk shows ${await shown()} items, not ${ITEMS}, after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const kioskItems = await shown();
  log(`kiosk synced: ${kioskItems} items to rotate`);

  // 1. Launch → first frame, three fresh browsers.
  const launches: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const profile = join(work.path, `launch-${i}`);
    const t0 = Date.now();
    const context = await launch(profile);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.addInitScript({ path: join(import.meta.dirname, 'signage-page-probe.js') });
      await page.goto(hub.url);
      await page.waitForFunction(
        () => (globalThis as unknown as { __signage: PageRecord }).__signage.firstFrameAt !== null,
        undefined,
        { timeout: 60_000 },
      );
      const { firstFrameAt } = await drain(page);
      launches.push((firstFrameAt as number) - t0);
    } finally {
      await context.close();
    }
  }
  log(`launch → first frame (ms): ${launches.map((ms) => ms.toFixed(0)).join(', ')}`);

  // 2 and 3. A simulated day of rotation.
  const profile = join(work.path, 'rotation');
  const context = await launch(profile);
  const switches: Switch[] = [];
  const longFrames: number[] = [];
  let frames = 0;
  const samples: Array<{ hour: number; jsHeapUsed: number; rendererRss: number; hubRss: number }> = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.addInitScript({ path: join(import.meta.dirname, 'signage-page-probe.js') });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const chromiumPid = browserPid(profile);
    const sample = async (hour: number) => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const jsHeapUsed = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
      const rendererRss = treeRss(chromiumPid, (cmdline) => cmdline.includes('--type=renderer'));
      const hubRss = treeRss((hub as RunningProcess).child.pid as number);
      samples.push({ hour, jsHeapUsed, rendererRss, hubRss });
      log(
        `  hour ${String(hour).padStart(2)}: JS heap ${round(jsHeapUsed / 1e6, 1)} MB, renderer RSS ${round(rendererRss / 1e6, 1)} MB, hub service RSS ${round(hubRss / 1e6, 1)} MB`,
      );
    };
    await page.goto(`${hub.url}/?rotationMs=${rotationMs}`);
    const total = Math.round(hours * SWITCHES_PER_HOUR);
    log(`rotating: ${total} switches (${hours} simulated hours) every ${rotationMs} ms…`);
    // Samples: after the first simulated hour (the baseline), every 6 hours, and at the end.
    const sampleAt = [
      ...new Set([
        1,
        ...Array.from({ length: Math.floor(hours / 6) }, (_, i) => 6 * (i + 1)),
        Math.ceil(hours),
      ]),
    ].filter((h) => h <= Math.ceil(hours));
    const started = performance.now();
    while (switches.length < total) {
      await page.waitForTimeout(2_000);
      const record = await drain(page);
      switches.push(...record.switches);
      longFrames.push(...record.longFrames);
      frames += record.frames;
      while (
        sampleAt.length > 0 &&
        switches.length >= Math.min(total, (sampleAt[0] as number) * SWITCHES_PER_HOUR)
      )
        await sample(sampleAt.shift() as number);
      if (performance.now() - started > (total * rotationMs + 600_000) * 1.5)
        throw new Error(`only ${switches.length} of ${total} switches in the time allowed`);
    }
  } finally {
    await context.close();
  }

  const intervals = switches
    .slice(1)
    .map((s, i) => s.committed - (switches[i] as Switch).committed - rotationMs);
  const first = samples[0];
  const last = samples.at(-1);
  const growth = (key: 'jsHeapUsed' | 'rendererRss' | 'hubRss') =>
    first && last ? round((last[key] - first[key]) / first[key], 3) : Number.NaN;
  const result = {
    content: { ...seeded, onKiosk: kioskItems, mediaOnKiosk: false },
    launch: {
      hubServiceReadyMs: round(hubReadyMs, 0),
      chromiumToFirstFrameMs: launches.map((ms) => round(ms, 0)),
    },
    rotation: { rotationMs, simulatedHours: hours, switches: switches.length, frames },
    switchToFrameMs: summary(switches.map((s) => s.frame - s.committed)),
    lateAgainstIntervalMs: summary(intervals),
    droppedFrames: { over50ms: longFrames.length, longestMs: round(Math.max(0, ...longFrames), 1) },
    memory: {
      samples: samples.map((s) => ({
        hour: s.hour,
        jsHeapUsedMB: round(s.jsHeapUsed / 1e6, 2),
        rendererRssMB: round(s.rendererRss / 1e6, 1),
        hubRssMB: round(s.hubRss / 1e6, 1),
      })),
      growth: {
        jsHeapUsed: growth('jsHeapUsed'),
        rendererRss: growth('rendererRss'),
        hubRss: growth('hubRss'),
      },
    },
    goal: {
      memoryGrowthAtMost: 0.1,
      met: growth('jsHeapUsed') <= 0.1 && growth('rendererRss') <= 0.1,
    },
    loadAverage: loadavg().map((l) => round(l, 1)),
  };
  if (args.json) console.log(JSON.stringify(result));
  else {
    const row = (label: string, s: ReturnType<typeof summary>) =>
      `${label.padEnd(40)} ${String(s.n).padStart(6)} ${s.p50.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${s.max.toFixed(1).padStart(8)}`;
    console.log(
      `\n${''.padEnd(40)} ${'n'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`,
    );
    console.log(row('switch: DOM change → next frame (ms)', result.switchToFrameMs));
    console.log(row(`switch: late against ${rotationMs} ms (ms)`, result.lateAgainstIntervalMs));
    console.log(
      `frames over 50 ms: ${result.droppedFrames.over50ms} of ${frames} (longest ${result.droppedFrames.longestMs} ms)`,
    );
    console.log(
      `memory growth, hour ${first?.hour} → ${last?.hour}: JS heap ${result.memory.growth.jsHeapUsed}, renderer RSS ${result.memory.growth.rendererRss}, hub service RSS ${result.memory.growth.hubRss} (goal ≤ 0.1: ${result.goal.met ? 'met' : 'NOT met'})`,
    );
    console.log(
      `hub service start → state answers: ${result.launch.hubServiceReadyMs} ms; Chromium launch → first info screen painted: ${result.launch.chromiumToFirstFrameMs.join(', ')} ms`,
    );
    console.log(`machine load average (1, 5, 15 min): ${result.loadAverage.join(', ')}`);
  }
} finally {
  await hub?.stop();
  await server.dispose();
  work.remove();
}
