import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { type Browser, chromium, expect, test } from '@playwright/test';
import { encodeCardToken, generateKeyPair, KIOSK_CSP } from '@vigevano/protocol';
import { chromiumLaunchOptions } from '@vigevano/testkit/chromium';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { renderCardPhoto, SHARP_CONDITIONS } from './testing/card-photo';
import { seededRandom } from './testing/random';
import { randomCard } from './testing/scenarios';
import { y4mVideo } from './testing/y4m';

// The real camera path in Chromium: a fake camera playing a video of one of our cards, ScannerView cropping and
// throttling frames, the Web Worker decoding them, and the text reported once while the card stays in view.
// The page is a harness built here with Vite's build() into a temporary folder (never part of dist/ui) and
// served with the kiosk's own Content-Security-Policy.

const kioskDir = resolve(import.meta.dirname, '../../..');
let workDir: string;
let server: Server;
let baseUrl: string;
let videoPath: string;
let token: string;
const browsers: Browser[] = [];

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
};

test.beforeAll(async () => {
  // Inside the workspace (and git-ignored), so the harness resolves react and friends like the kiosk does.
  mkdirSync(join(kioskDir, 'test-results'), { recursive: true });
  workDir = mkdtempSync(join(kioskDir, 'test-results', 'scanner-harness-'));

  // A card freshly signed, photographed by a 640x480 camera, as a looping 10-frame Y4M video.
  const random = seededRandom(11);
  token = encodeCardToken(randomCard(random), generateKeyPair());
  const photo = renderCardPhoto(token, { ...SHARP_CONDITIONS, tilt: 6, noise: 2, blur: 0.5 }, random);
  videoPath = join(workDir, 'card.y4m');
  writeFileSync(
    videoPath,
    y4mVideo(
      Array.from({ length: 10 }, () => photo),
      10,
    ),
  );

  const src = join(workDir, 'src');
  mkdirSync(src);
  writeFileSync(
    join(src, 'index.html'),
    '<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Scanner harness</title></head>' +
      '<body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>',
  );
  writeFileSync(
    join(src, 'main.tsx'),
    `import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ScannerView } from ${JSON.stringify(join(import.meta.dirname, 'ScannerView.tsx'))};

const w = globalThis as unknown as { decoded: number; readText: string[]; passes?: string[]; wasmError?: string };
w.decoded = 0;
w.readText = [];
function Harness() {
  const [scans, setScans] = useState<string[]>([]);
  return (
    <main>
      <ScannerView
        onScan={(text, source) => setScans((list) => [...list, source + ' ' + text])}
        onDecode={(r) => { if (r.text) { w.decoded += 1; w.readText.push(r.text); } }}
        onWorkerReady={(ready) => { w.passes = ready.passes; w.wasmError = ready.wasmError; }}
      />
      <ol aria-label="letture">{scans.map((s, i) => <li key={i}>{s}</li>)}</ol>
    </main>
  );
}
createRoot(document.getElementById('root') as HTMLElement).render(<Harness />);
`,
  );
  const outDir = join(workDir, 'dist');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: src,
    base: '/',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });

  // A small static server with the kiosk's headers.
  server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(outDir, path === '/' ? 'index.html' : path);
    try {
      if (!file.startsWith(outDir)) throw new Error('outside');
      const body = readFileSync(file);
      response.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': KIOSK_CSP,
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  // KEEP_HARNESS=1 keeps the built harness and the video, to look at after a failure.
  if (workDir && !process.env.KEEP_HARNESS) rmSync(workDir, { recursive: true, force: true });
});

test('reads a card shown to the fake camera once, decoding in a worker', async () => {
  const browser = await chromium.launch(
    chromiumLaunchOptions([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${videoPath}`,
    ]),
  );
  browsers.push(browser);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(baseUrl);

  await expect(page.getByText('Mostra la tua tessera per entrare')).toBeVisible();
  const scans = page.getByRole('list', { name: 'letture' }).getByRole('listitem');
  await expect(scans).toHaveCount(1, { timeout: 20_000 });
  await expect(scans.first()).toHaveText(`camera ${token}`);
  expect(page.workers().length).toBeGreaterThanOrEqual(1);

  // The card stays in front of the camera: the worker keeps reading it, the page still reports it once.
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { decoded: number }).decoded))
    .toBeGreaterThan(5);
  await expect(scans).toHaveCount(1);
  const read = await page.evaluate(() => (globalThis as unknown as { readText: string[] }).readText);
  expect(new Set(read)).toEqual(new Set([token]));

  const ready = await page.evaluate(() => {
    const w = globalThis as unknown as { passes?: string[]; wasmError?: string };
    return { passes: w.passes, wasmError: w.wasmError };
  });
  // @zxing/library first; ZXing-C++ (WebAssembly) loaded under the kiosk's CSP, from the kiosk's own origin.
  expect(ready.passes?.[0]).toBe('zxing-js');
  expect(ready.wasmError).toBeUndefined();
  expect(ready.passes).toContain('zxing-cpp');
  test.info().annotations.push({
    type: 'decoder passes',
    description: `${ready.passes?.join(' → ')}${ready.wasmError ? ` (ZXing-C++ not loaded: ${ready.wasmError})` : ''}`,
  });
  await page.screenshot({ path: test.info().outputPath('scanner-reading.png') });
  expect(errors).toEqual([]);
});

test('says in Italian that there is no camera, and what to do instead', async () => {
  // No fake device and no real camera here: getUserMedia fails as on a kiosk whose camera is unplugged.
  const browser = await chromium.launch(chromiumLaunchOptions(['--use-fake-ui-for-media-stream']));
  browsers.push(browser);
  const page = await browser.newPage();
  await page.goto(baseUrl);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('fotocamera', { timeout: 20_000 });
  await expect(alert).toContainText('digitare il codice della tessera');
  await page.screenshot({ path: test.info().outputPath('scanner-no-camera.png') });
});
