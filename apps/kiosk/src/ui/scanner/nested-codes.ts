import type { GrayFrame } from './gray-frame';
import type { Point } from './homography';
import { readQrSymbols } from './zxing-wasm-decoder';

/** A code read from a frame, with where it is. */
export interface PlacedSymbol {
  text: string;
  corners: readonly [Point, Point, Point, Point];
}

/**
 * Which of several codes in one frame is the answer. A code drawn inside another one (a "double QR": the outer
 * code is a frame around the content) loses to the code inside it; otherwise the text the pipeline already read
 * stays, so a frame with a single code always keeps its text. Deterministic: the same symbols, in the same
 * order, always give the same answer.
 */
export function pickSymbol(read: string, symbols: readonly PlacedSymbol[]): string {
  const inner = symbols.filter(
    (outer) =>
      !symbols.some((other) => other !== outer && other.text !== outer.text && contains(outer, other)),
  );
  if (inner.length === symbols.length || inner.length === 0) return read;
  // The code the pipeline read is among the innermost ones: keep it.
  if (inner.some((s) => s.text === read)) return read;
  return (inner[0] as PlacedSymbol).text;
}

/** Whether every corner of `inside` lies within the quadrilateral of `outer` (convex, as a code's outline is). */
function contains(outer: PlacedSymbol, inside: PlacedSymbol): boolean {
  return inside.corners.every((p) => insideQuad(outer.corners, p));
}

function insideQuad(quad: readonly Point[], p: Point): boolean {
  let sign = 0;
  for (let i = 0; i < quad.length; i += 1) {
    const a = quad[i] as Point;
    const b = quad[(i + 1) % quad.length] as Point;
    const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

/**
 * Every code ZXing-C++ reads in a frame, with its corners: what `pickSymbol` chooses from once a pass has read
 * one. Runs only on frames where a code was read (one per visitor), so its cost never touches idle frames.
 */
export async function readPlacedSymbols(frame: GrayFrame): Promise<PlacedSymbol[]> {
  const results = await readQrSymbols(frame, {
    tryHarder: true,
    tryRotate: false,
    tryInvert: false,
    tryDownscale: false,
    maxNumberOfSymbols: 8,
  });
  return results
    .filter((r) => r.isValid)
    .map((r) => ({
      text: r.text,
      corners: [r.position.topLeft, r.position.topRight, r.position.bottomRight, r.position.bottomLeft],
    }));
}
