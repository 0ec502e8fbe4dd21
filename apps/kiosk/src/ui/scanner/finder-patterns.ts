import type { GrayFrame } from './gray-frame';

/**
 * A QR finder pattern (one of the three 7x7-module squares in a code's corners) seen in a frame: its centre and
 * the side of one module, in the frame's pixels.
 */
export interface FinderPattern {
  x: number;
  y: number;
  module: number;
}

/**
 * How far each run of a 1:1:3:1:1 finder cross-section may stray from its ideal width, as a fraction of one
 * module. ZXing allows half a module; a camera's blur widens the dark centre, hence a little more here.
 */
const TOLERANCE = 0.7;
/** Rows scanned: every second one (a finder's dark centre is at least 3 modules, so at least 3 px, tall). */
const ROW_STEP = 2;
/** A finder counts once seen on this many scanned rows: one lone hit is mostly text or noise. */
const MIN_HITS = 2;
/** …and on at least this share of the rows that cross its centre. */
const HIT_SHARE = 0.5;

/**
 * The QR finder patterns in a grey frame, found the way ISO/IEC 18004 (section 12, "Reference decode algorithm")
 * and ZXing's FinderPatternFinder find them: runs of dark and light along each row in the ratio 1:1:3:1:1,
 * confirmed by the same ratio along the column through their centre, then merged. It reports finders even when
 * the code cannot be decoded (cut off by the frame edge, too small, blurred by motion): the facts the kiosk's
 * scan guidance needs (scan-guidance.ts). A single global threshold (halfway between the 5th and 95th
 * percentiles of the frame's grey levels) is enough for guidance; decoding keeps its own, better binarizers.
 * Cost: one pass over every second row, about a millisecond for a 480x480 crop.
 */
export function findFinderPatterns(frame: GrayFrame): FinderPattern[] {
  const { width, height, data } = frame;
  const threshold = midGrey(data);
  const dark = (x: number, y: number) => (data[y * width + x] as number) < threshold;
  const clusters: Array<{ x: number; y: number; module: number; hits: number }> = [];
  const runs: number[] = [];
  for (let y = 0; y < height; y += ROW_STEP) {
    // Run lengths along the row, starting with a dark run (a light lead-in is dropped).
    runs.length = 0;
    let x = 0;
    while (x < width && !dark(x, y)) x += 1;
    const start = x;
    let current = true;
    let length = 0;
    for (; x < width; x += 1) {
      if (dark(x, y) === current) length += 1;
      else {
        runs.push(length);
        current = !current;
        length = 1;
      }
    }
    runs.push(length);
    // Windows of five runs that start with a dark one: even indexes are dark.
    let offset = start;
    for (let i = 0; i + 4 < runs.length; i += 1) {
      const window = runs.slice(i, i + 5);
      if (i % 2 === 0 && crossSection(window)) {
        const total = sum(window);
        const cx = offset + (window[0] as number) + (window[1] as number) + (window[2] as number) / 2;
        const vertical = columnCrossSection(frame, dark, Math.floor(cx), y, total);
        if (vertical) addHit(clusters, cx, vertical.centre, (total + vertical.total) / 14);
      }
      offset += runs[i] as number;
    }
  }
  // A finder's 3-module centre is crossed by about 3 * module / ROW_STEP scanned rows; a stray 1:1:3:1:1 in a
  // code's data modules or in printed text by one or two.
  return clusters
    .filter((c) => c.hits >= Math.max(MIN_HITS, (HIT_SHARE * 3 * c.module) / ROW_STEP))
    .map(({ x, y, module }) => ({ x: round1(x), y: round1(y), module: round1(module) }));
}

/** Five run widths in the ratio 1:1:3:1:1, each within the tolerance. */
function crossSection(runs: readonly number[]): boolean {
  const total = sum(runs);
  if (total < 7) return false;
  const module = total / 7;
  const slack = module * TOLERANCE;
  return runs.every(
    (run, i) => Math.abs(run - (i === 2 ? 3 * module : module)) < (i === 2 ? 2 * slack : slack),
  );
}

/** The column through a row hit's centre, up and down: its 1:1:3:1:1 runs and their centre, or null. */
function columnCrossSection(
  frame: GrayFrame,
  dark: (x: number, y: number) => boolean,
  x: number,
  y: number,
  rowTotal: number,
): { centre: number; total: number } | null {
  if (!dark(x, y)) return null;
  const limit = rowTotal * 1.5;
  // Up: centre run, light, dark; down: the same. Each count stops at the frame edge or when too long.
  const walk = (step: 1 | -1): [number, number, number] | null => {
    const counts: [number, number, number] = [0, 0, 0];
    let yy = y;
    for (let part = 0; part < 3; part += 1) {
      const wantDark = part !== 1;
      while (yy >= 0 && yy < frame.height && dark(x, yy) === wantDark && (counts[part] as number) < limit) {
        counts[part] = (counts[part] as number) + 1;
        yy += step;
      }
      if (counts[part] === 0 || (counts[part] as number) >= limit) return null;
      // The outer dark run may end at the frame's edge; the inner runs may not.
      if ((yy < 0 || yy >= frame.height) && part < 2) return null;
    }
    return counts;
  };
  const up = walk(-1);
  const down = walk(1);
  if (!up || !down) return null;
  const runs = [up[2], up[1], up[0] + down[0] - 1, down[1], down[2]];
  if (!crossSection(runs)) return null;
  const total = sum(runs);
  if (total < rowTotal / 2 || total > rowTotal * 2) return null;
  const top = y - up[0] + 1;
  return { centre: top + (runs[2] as number) / 2, total };
}

/** Merges a hit into the finder it belongs to (within two of its modules), or starts a new one. */
function addHit(
  clusters: Array<{ x: number; y: number; module: number; hits: number }>,
  x: number,
  y: number,
  module: number,
): void {
  const near = clusters.find(
    (c) => Math.abs(c.x - x) < 2 * c.module && Math.abs(c.y - y) < 2 * c.module && module < c.module * 2,
  );
  if (!near) {
    clusters.push({ x, y, module, hits: 1 });
    return;
  }
  const n = near.hits;
  near.x = (near.x * n + x) / (n + 1);
  near.y = (near.y * n + y) / (n + 1);
  near.module = (near.module * n + module) / (n + 1);
  near.hits = n + 1;
}

/** Halfway between the 5th and 95th percentiles of the grey levels: robust to a few glare or shadow pixels. */
function midGrey(data: Uint8Array | Uint8ClampedArray): number {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < data.length; i += 4)
    histogram[data[i] as number] = (histogram[data[i] as number] as number) + 1;
  const count = Math.ceil(data.length / 4);
  const percentile = (p: number) => {
    let seen = 0;
    for (let level = 0; level < 256; level += 1) {
      seen += histogram[level] as number;
      if (seen >= count * p) return level;
    }
    return 255;
  };
  return (percentile(0.05) + percentile(0.95)) / 2;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
