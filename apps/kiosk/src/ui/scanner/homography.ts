/** A 3x3 projective transform, row-major, h[8] normalised to 1. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

export interface Point {
  x: number;
  y: number;
}

/** The homography taking each `from[i]` to `to[i]` (four points, no three collinear). */
export function homographyFromPoints(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length !== 4 || to.length !== 4)
    throw new RangeError('a homography needs exactly four point pairs');
  const rows: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const { x, y } = from[i] as Point;
    const { x: u, y: v } = to[i] as Point;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gauss-Jordan elimination with partial pivoting on the 8x9 augmented matrix.
  for (let col = 0; col < 8; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < 8; r += 1)
      if (Math.abs((rows[r] as number[])[col] as number) > Math.abs((rows[pivot] as number[])[col] as number))
        pivot = r;
    [rows[col], rows[pivot]] = [rows[pivot] as number[], rows[col] as number[]];
    const p = rows[col] as number[];
    const div = p[col] as number;
    if (Math.abs(div) < 1e-12) throw new RangeError('degenerate points: no homography');
    for (let c = col; c < 9; c += 1) p[c] = (p[c] as number) / div;
    for (let r = 0; r < 8; r += 1) {
      if (r === col) continue;
      const row = rows[r] as number[];
      const factor = row[col] as number;
      if (factor === 0) continue;
      for (let c = col; c < 9; c += 1) row[c] = (row[c] as number) - factor * (p[c] as number);
    }
  }
  return toHomography([...rows.map((r) => r[8] as number), 1]);
}

function toHomography(values: readonly number[]): Homography {
  if (values.length !== 9) throw new RangeError(`a homography has 9 entries, not ${values.length}`);
  return values as unknown as Homography;
}

export function applyHomography(h: Homography, x: number, y: number): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return { x: (h[0] * x + h[1] * y + h[2]) / w, y: (h[3] * x + h[4] * y + h[5]) / w };
}

export function invertHomography(h: Homography): Homography {
  const [a, b, c, d, e, f, g, k, l] = h;
  const inv = [
    e * l - f * k,
    c * k - b * l,
    b * f - c * e,
    f * g - d * l,
    a * l - c * g,
    c * d - a * f,
    d * k - e * g,
    b * g - a * k,
    a * e - b * d,
  ];
  const scale = a * e - b * d;
  return toHomography(inv.map((v) => v / scale));
}
