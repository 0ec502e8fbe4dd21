/**
 * `npm run bench:scan [-- --json] [--corpus DIR] [--photos N] [--seed S] [--failures]`
 *
 * Decode rate and milliseconds per image of the kiosk's real decoder pipeline (apps/kiosk/src/ui/scanner, the
 * code the worker runs), on the QR photo corpus (../shared/qr-corpus unless --corpus) and on generated 640x480
 * photos of our own signed cards (noise, blur, tilt, perspective, low light, glare, mixed; moderate and hard),
 * cropped to the scan frame as the kiosk does. Baseline in the same process: @zxing/library alone, one pass.
 * Also measured: the pipeline without ZXing-C++ (what runs where the page's CSP forbids WebAssembly).
 * Goals (issue 6): ≥ 97 % of the corpus, ≥ 99.5 % of our cards at moderate levels, median < 15 ms per frame.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { GrayFrame } from '../src/ui/scanner/gray-frame';
import { kioskPipeline, ScanPipeline } from '../src/ui/scanner/pipeline';
import { cropFrame } from '../src/ui/scanner/preprocess';
import { scanRegion } from '../src/ui/scanner/scan-region';
import { renderCardPhoto, SHARP_CONDITIONS } from '../src/ui/scanner/testing/card-photo';
import { seededRandom } from '../src/ui/scanner/testing/random';
import { zxingLibraryDecoder } from '../src/ui/scanner/zxing-library-decoder';
import { loadZxingWasm } from '../src/ui/scanner/zxing-wasm-decoder';
import { cardPhotoCases, SCAN_FRAME_FRACTION } from './card-photos';
import { listCorpus, loadGray } from './corpus';
import { DecodeStats, round } from './stats';
import { readZxingWasmBinary } from './wasm-binary';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    corpus: { type: 'string' },
    photos: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    failures: { type: 'boolean', default: false },
    'save-failures': { type: 'string' },
  },
});
const perCondition = Number(args.photos);
if (!Number.isInteger(perCondition) || perCondition < 0) throw new Error('--photos takes a whole number');
const corpusDir = resolve(args.corpus ?? resolve(import.meta.dirname, '../../../../shared/qr-corpus'));

await loadZxingWasm(readZxingWasmBinary);
const pipelines = {
  kiosk: kioskPipeline({ wasm: true }),
  'kiosk-no-wasm': kioskPipeline({ wasm: false }),
  baseline: new ScanPipeline([{ name: 'zxing-js', decoder: zxingLibraryDecoder() }]),
} as const;
type PipelineName = keyof typeof pipelines;
const names = Object.keys(pipelines) as PipelineName[];

const saveDir = args['save-failures'];
if (saveDir) mkdirSync(saveDir, { recursive: true });
let saved = 0;

async function measure(
  name: PipelineName,
  frame: GrayFrame,
  expected: string,
  label: string,
  into: DecodeStats,
) {
  const started = performance.now();
  const result = await pipelines[name].decodeWithPass(frame);
  const ms = performance.now() - started;
  const ok = result?.text === expected;
  into.add(ok, ms, result?.pass ?? null, label);
  // --save-failures DIR: the frames the kiosk pipeline missed, as PNG, to look at.
  if (!ok && saveDir && name === 'kiosk' && label !== 'warm-up') {
    saved += 1;
    const file = join(
      saveDir,
      `${String(saved).padStart(3, '0')}-${label.replaceAll(/[^a-z0-9-]+/gi, '_')}.png`,
    );
    await sharp(Buffer.from(frame.data), { raw: { width: frame.width, height: frame.height, channels: 1 } })
      .png()
      .toFile(file);
  }
}

// Warm up the JIT and the wasm instance on one generated photo, so the first measured image is not penalised.
for (const warm of cardPhotoCases(1, 999))
  for (const name of names) await measure(name, warm.frame, warm.expected, 'warm-up', new DecodeStats());

const rows: { set: string; pipeline: PipelineName; stats: DecodeStats }[] = [];
let corpusNote: string | undefined;

if (existsSync(corpusDir)) {
  const cases = listCorpus(corpusDir);
  const stats = Object.fromEntries(names.map((n) => [n, new DecodeStats()])) as Record<
    PipelineName,
    DecodeStats
  >;
  for (const c of cases) {
    const frame = await loadGray(c.path);
    for (const name of names) await measure(name, frame, c.expected, c.name, stats[name]);
  }
  for (const name of names) rows.push({ set: 'corpus', pipeline: name, stats: stats[name] });
  if (cases.length === 0) corpusNote = `no image/text pairs in ${corpusDir}`;
} else {
  corpusNote = `corpus not found at ${corpusDir}: skipped (pass --corpus DIR)`;
  console.warn(corpusNote);
}

const photoStats = new Map<string, Record<PipelineName, DecodeStats>>();
for (const photo of cardPhotoCases(perCondition, Number(args.seed))) {
  const key = `${photo.level} ${photo.condition}`;
  let stats = photoStats.get(key);
  if (!stats) {
    stats = Object.fromEntries(names.map((n) => [n, new DecodeStats()])) as Record<PipelineName, DecodeStats>;
    photoStats.set(key, stats);
  }
  for (const name of names) await measure(name, photo.frame, photo.expected, key, stats[name]);
}
const levelTotals = new Map<string, Record<PipelineName, DecodeStats>>();
for (const [key, stats] of photoStats) {
  for (const name of names) rows.push({ set: `cards ${key}`, pipeline: name, stats: stats[name] });
  const level = `cards ${key.split(' ')[0]} (all)`;
  const total =
    levelTotals.get(level) ??
    (Object.fromEntries(names.map((n) => [n, new DecodeStats()])) as Record<PipelineName, DecodeStats>);
  for (const name of names) total[name].merge(stats[name]);
  levelTotals.set(level, total);
}
for (const [level, total] of levelTotals)
  for (const name of names) rows.push({ set: level, pipeline: name, stats: total[name] });

// A kiosk's camera mostly sees no card: what one such frame costs the worker (quick passes on every frame,
// the thorough chain on every third; see scan.worker.ts).
const idle = { quick: new DecodeStats(), thorough: new DecodeStats() };
{
  const random = seededRandom(Number(args.seed) + 77);
  for (let i = 0; i < 10; i += 1) {
    const photo = renderCardPhoto('VG1:NONE', { ...SHARP_CONDITIONS, offsetX: 700, noise: 3 }, random);
    const frame = cropFrame(photo, scanRegion(photo.width, photo.height, SCAN_FRAME_FRACTION));
    for (const mode of ['quick', 'thorough'] as const) {
      const started = performance.now();
      const result = await pipelines.kiosk.decodeWithPass(frame, { thorough: mode === 'thorough' });
      idle[mode].add(result === null, performance.now() - started, null, 'no card');
    }
  }
}

// The table.
const pct = (r: number) => `${(r * 100).toFixed(1)} %`;
console.log(`\nScan pipeline benchmark (kiosk: ${pipelines.kiosk.name})`);
console.log(
  `${'set'.padEnd(30)} ${'pipeline'.padEnd(14)} ${'decoded'.padStart(9)} ${'rate'.padStart(8)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)} ${'× baseline ms'.padStart(14)}`,
);
for (const row of rows) {
  const s = row.stats;
  const baseline = rows.find((r) => r.set === row.set && r.pipeline === 'baseline')?.stats;
  const ratio =
    baseline && baseline.percentile(50) > 0 ? (s.percentile(50) / baseline.percentile(50)).toFixed(2) : '-';
  console.log(
    `${row.set.padEnd(30)} ${row.pipeline.padEnd(14)} ${`${s.decoded}/${s.total}`.padStart(9)} ${pct(s.rate).padStart(8)} ${s.percentile(50).toFixed(2).padStart(10)} ${s.percentile(95).toFixed(2).padStart(8)} ${ratio.padStart(14)}`,
  );
}

console.log(
  `\nFrames with no card (kiosk pipeline): quick passes ${idle.quick.percentile(50).toFixed(2)} ms, thorough chain ${idle.thorough.percentile(50).toFixed(2)} ms (median of ${idle.quick.total})`,
);

const corpusKiosk = rows.find((r) => r.set === 'corpus' && r.pipeline === 'kiosk')?.stats;
const moderateKiosk = levelTotals.get('cards moderate (all)')?.kiosk;
const allKiosk = new DecodeStats();
for (const row of rows) if (row.pipeline === 'kiosk' && !row.set.endsWith('(all)')) allKiosk.merge(row.stats);
const goals = {
  corpus: corpusKiosk
    ? { rate: round(corpusKiosk.rate, 4), goal: 0.97, met: corpusKiosk.rate >= 0.97 }
    : 'skipped',
  cardsModerate: moderateKiosk
    ? { rate: round(moderateKiosk.rate, 4), goal: 0.995, met: moderateKiosk.rate >= 0.995 }
    : 'skipped',
  medianMs: { value: round(allKiosk.percentile(50), 2), goal: 15, met: allKiosk.percentile(50) < 15 },
  // Not a goal: the frames that need the thorough chain (found-but-damaged codes), for the record.
  p95Ms: round(allKiosk.percentile(95), 2),
};
console.log('\nGoals (kiosk pipeline):');
console.log(
  `  corpus ≥ 97 %:               ${typeof goals.corpus === 'string' ? goals.corpus : `${pct(goals.corpus.rate)} ${goals.corpus.met ? 'met' : 'NOT met'}`}`,
);
console.log(
  `  our cards, moderate ≥ 99.5 %: ${typeof goals.cardsModerate === 'string' ? goals.cardsModerate : `${pct(goals.cardsModerate.rate)} ${goals.cardsModerate.met ? 'met' : 'NOT met'}`}`,
);
console.log(
  `  median < 15 ms per frame:     ${goals.medianMs.value} ms ${goals.medianMs.met ? 'met' : 'NOT met'} (p95 ${goals.p95Ms} ms)`,
);
if (args.failures) {
  console.log('\nNot decoded by the kiosk pipeline:');
  for (const row of rows)
    if (row.pipeline === 'kiosk' && !row.set.endsWith('(all)') && row.stats.failures.length)
      console.log(`  ${row.set}: ${row.stats.failures.join(', ')}`);
}
if (args.json) {
  console.log(
    JSON.stringify({
      bench: 'scan',
      pipeline: pipelines.kiosk.name,
      corpus: corpusNote ?? corpusDir,
      photosPerCondition: perCondition,
      goals,
      noCardMs: {
        quick: round(idle.quick.percentile(50), 2),
        thorough: round(idle.thorough.percentile(50), 2),
      },
      results: rows.map((r) => ({ set: r.set, pipeline: r.pipeline, ...r.stats.summary() })),
    }),
  );
}
