import type { GrayFrame } from './gray-frame';
import { applyHomography, type Homography, homographyFromPoints, type Point } from './homography';
import { boxBlur } from './preprocess';

/*
 * Reading a code printed on crumpled or bent paper. ZXing finds such a code (finder patterns, version, format)
 * but samples its modules through one projective transform, which a bent sheet does not follow: modules far
 * from the finder patterns are read from their neighbours and Reed-Solomon gives up. Here the sampling grid
 * bends with the paper: a coarse mesh of control points, each moved (within half a module per round) to where
 * the samples of the modules around it are the most contrasted, i.e. land in the middle of the modules rather
 * than on their edges. The modules sampled through that mesh are drawn again as a flat, square code, which
 * ZXing then decodes with its own error correction.
 */

/** The symbol's outer corners in the frame, as ZXing reports them. */
export interface Quad {
  topLeft: Point;
  topRight: Point;
  bottomRight: Point;
  bottomLeft: Point;
}

export interface GridFitOptions {
  /** distance between control points, modules */
  step?: number;
  /** refinement rounds, each searching half as far as the one before */
  rounds?: number;
}

/** How strongly a control point is held near the mean of its neighbours: the paper bends smoothly. */
const STIFFNESS = 0.5;

/**
 * The grey level at the centre of each of the `size`×`size` modules of the code whose corners are `corners`,
 * sampled through a mesh fitted to the code (row by row, module (0,0) first).
 */
export function fitModuleGrid(
  frame: GrayFrame,
  corners: Quad,
  size: number,
  { step = 4, rounds = 3 }: GridFitOptions = {},
): Float32Array {
  if (!Number.isInteger(size) || size < 21)
    throw new RangeError(`a QR code has at least 21 modules, got ${size}`);
  const h: Homography = homographyFromPoints(
    [
      { x: 0, y: 0 },
      { x: size, y: 0 },
      { x: size, y: size },
      { x: 0, y: size },
    ],
    [corners.topLeft, corners.topRight, corners.bottomRight, corners.bottomLeft],
  );
  const pitch =
    (distance(corners.topLeft, corners.topRight) +
      distance(corners.bottomLeft, corners.bottomRight) +
      distance(corners.topLeft, corners.bottomLeft) +
      distance(corners.topRight, corners.bottomRight)) /
    (4 * size);
  // Averaging over about half a module turns the flat top of a sharp module into a peak the search can find.
  const image = boxBlur(frame, Math.max(0, Math.round(pitch / 4)));

  const cells = Math.max(1, Math.ceil(size / step));
  const spacing = size / cells;
  const nodes = cells + 1;
  const du = new Float64Array(nodes * nodes);
  const dv = new Float64Array(nodes * nodes);

  // Each module centre: its mesh cell and bilinear weights (fixed), and the control points it depends on.
  const count = size * size;
  const cellX = new Int32Array(count);
  const cellY = new Int32Array(count);
  const weightX = new Float64Array(count);
  const weightY = new Float64Array(count);
  const support: number[][] = Array.from({ length: nodes * nodes }, () => []);
  for (let j = 0; j < size; j += 1) {
    for (let i = 0; i < size; i += 1) {
      const m = j * size + i;
      const gx = (i + 0.5) / spacing;
      const gy = (j + 0.5) / spacing;
      const cx = Math.min(cells - 1, Math.floor(gx));
      const cy = Math.min(cells - 1, Math.floor(gy));
      cellX[m] = cx;
      cellY[m] = cy;
      weightX[m] = gx - cx;
      weightY[m] = gy - cy;
      for (const n of [
        cy * nodes + cx,
        cy * nodes + cx + 1,
        (cy + 1) * nodes + cx,
        (cy + 1) * nodes + cx + 1,
      ])
        (support[n] as number[]).push(m);
    }
  }

  const sampleModule = (m: number): number => {
    const cx = cellX[m] as number;
    const cy = cellY[m] as number;
    const ax = weightX[m] as number;
    const ay = weightY[m] as number;
    const n00 = cy * nodes + cx;
    const n10 = n00 + 1;
    const n01 = n00 + nodes;
    const n11 = n01 + 1;
    const w00 = (1 - ax) * (1 - ay);
    const w10 = ax * (1 - ay);
    const w01 = (1 - ax) * ay;
    const w11 = ax * ay;
    const u =
      (m % size) +
      0.5 +
      w00 * (du[n00] as number) +
      w10 * (du[n10] as number) +
      w01 * (du[n01] as number) +
      w11 * (du[n11] as number);
    const v =
      Math.floor(m / size) +
      0.5 +
      w00 * (dv[n00] as number) +
      w10 * (dv[n10] as number) +
      w01 * (dv[n01] as number) +
      w11 * (dv[n11] as number);
    const p = applyHomography(h, u, v);
    return bilinear(image, p.x, p.y);
  };

  // Contrast of a control point's modules: the variance of their samples, in units of the whole code's variance.
  const initial = new Float32Array(count);
  for (let m = 0; m < count; m += 1) initial[m] = sampleModule(m);
  const scale = 1 / Math.max(1, variance(initial));
  const contrast = (modules: readonly number[]): number => {
    let sum = 0;
    let squares = 0;
    for (const m of modules) {
      const s = sampleModule(m);
      sum += s;
      squares += s * s;
    }
    const mean = sum / modules.length;
    return (squares / modules.length - mean * mean) * scale;
  };

  let radius = 0.5;
  for (let round = 0; round < rounds; round += 1, radius /= 2) {
    const stride = radius / 4;
    for (let y = 0; y < nodes; y += 1) {
      for (let x = 0; x < nodes; x += 1) {
        const n = y * nodes + x;
        const modules = support[n] as number[];
        if (modules.length === 0) continue;
        const [meanU, meanV] = neighbourMean(du, dv, nodes, x, y);
        const u0 = du[n] as number;
        const v0 = dv[n] as number;
        let best = Number.NEGATIVE_INFINITY;
        let bestU = u0;
        let bestV = v0;
        for (let oy = -4; oy <= 4; oy += 1) {
          for (let ox = -4; ox <= 4; ox += 1) {
            const u = u0 + ox * stride;
            const v = v0 + oy * stride;
            du[n] = u;
            dv[n] = v;
            const score = contrast(modules) - STIFFNESS * ((u - meanU) ** 2 + (v - meanV) ** 2);
            if (score > best) {
              best = score;
              bestU = u;
              bestV = v;
            }
          }
        }
        du[n] = bestU;
        dv[n] = bestV;
      }
    }
  }

  const samples = new Float32Array(count);
  for (let m = 0; m < count; m += 1) samples[m] = sampleModule(m);
  return samples;
}

/**
 * The modules drawn as a flat code: `side` pixels per module, a `quiet`-module light margin, each module a
 * square of its sampled grey (stretched to the full range), so that ZXing's own binarizer still decides.
 */
export function renderModules(samples: Float32Array, size: number, side = 4, quiet = 4): GrayFrame {
  if (samples.length !== size * size)
    throw new RangeError(`${size}x${size} modules need ${size * size} samples`);
  const sorted = Float32Array.from(samples).sort();
  const low = sorted[Math.floor(sorted.length * 0.02)] as number;
  const high = sorted[Math.ceil(sorted.length * 0.98) - 1] as number;
  const range = Math.max(1, high - low);
  const width = (size + 2 * quiet) * side;
  const data = new Uint8Array(width * width).fill(255);
  for (let j = 0; j < size; j += 1) {
    for (let i = 0; i < size; i += 1) {
      const grey = Math.max(
        0,
        Math.min(255, Math.round((((samples[j * size + i] as number) - low) * 255) / range)),
      );
      const top = (j + quiet) * side;
      const left = (i + quiet) * side;
      for (let y = 0; y < side; y += 1)
        data.fill(grey, (top + y) * width + left, (top + y) * width + left + side);
    }
  }
  return { width, height: width, data };
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function variance(values: Float32Array): number {
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / values.length;
  return squares / values.length - mean * mean;
}

function neighbourMean(
  du: Float64Array,
  dv: Float64Array,
  nodes: number,
  x: number,
  y: number,
): [number, number] {
  let u = 0;
  let v = 0;
  let n = 0;
  for (const [nx, ny] of [
    [x - 1, y],
    [x + 1, y],
    [x, y - 1],
    [x, y + 1],
  ] as const) {
    if (nx < 0 || ny < 0 || nx >= nodes || ny >= nodes) continue;
    u += du[ny * nodes + nx] as number;
    v += dv[ny * nodes + nx] as number;
    n += 1;
  }
  return n === 0 ? [0, 0] : [u / n, v / n];
}

/** Bilinear grey level at (x, y), clamped to the frame. */
function bilinear(frame: GrayFrame, x: number, y: number): number {
  const { width, height, data } = frame;
  const fx = Math.min(width - 1, Math.max(0, x - 0.5));
  const fy = Math.min(height - 1, Math.max(0, y - 0.5));
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const ax = fx - x0;
  const ay = fy - y0;
  const top = (data[y0 * width + x0] as number) * (1 - ax) + (data[y0 * width + x1] as number) * ax;
  const bottom = (data[y1 * width + x0] as number) * (1 - ax) + (data[y1 * width + x1] as number) * ax;
  return top * (1 - ay) + bottom * ay;
}
