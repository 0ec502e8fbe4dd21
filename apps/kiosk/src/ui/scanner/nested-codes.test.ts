import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { readZxingWasmBinary } from '../../../bench/wasm-binary';
import type { GrayFrame } from './gray-frame';
import { type PlacedSymbol, pickSymbol, readPlacedSymbols } from './nested-codes';
import { kioskPipeline, NESTED_PASS, ScanPipeline } from './pipeline';
import { loadZxingWasm } from './zxing-wasm-decoder';

const square = (text: string, x: number, y: number, side: number): PlacedSymbol => ({
  text,
  corners: [
    { x, y },
    { x: x + side, y },
    { x: x + side, y: y + side },
    { x, y: y + side },
  ],
});

/** Draws `text` as a QR code, `pitch` px per module, top-left module at (left, top), with a 2-module margin. */
function drawCode(
  frame: GrayFrame,
  text: string,
  left: number,
  top: number,
  pitch: number,
  level: 'L' | 'H',
) {
  const qr = QRCode.create(text, { errorCorrectionLevel: level });
  const size = qr.modules.size;
  for (let y = top - 2 * pitch; y < top + (size + 2) * pitch; y += 1)
    for (let x = left - 2 * pitch; x < left + (size + 2) * pitch; x += 1) {
      const r = Math.floor((y - top) / pitch);
      const c = Math.floor((x - left) / pitch);
      const dark = r >= 0 && c >= 0 && r < size && c < size && qr.modules.get(r, c);
      frame.data[y * frame.width + x] = dark ? 20 : 235;
    }
  return size;
}

const OUTER = 'outer code: the frame around a double QR code';
const INNER = 'VG1:inner';

/** A "double QR": a large level-H code with a small code drawn over its middle (the outer one still decodes). */
function doubleCode(): GrayFrame {
  const frame: GrayFrame = { width: 400, height: 400, data: new Uint8Array(400 * 400).fill(235) };
  const size = drawCode(frame, OUTER, 40, 40, 8, 'H');
  const middle = 40 + (size * 8) / 2;
  drawCode(frame, INNER, Math.round(middle - 30), Math.round(middle - 30), 3, 'L');
  return frame;
}

beforeAll(async () => {
  await loadZxingWasm(readZxingWasmBinary);
});

describe('pickSymbol', () => {
  it('keeps the text read when the frame holds one code, or none that decodes', () => {
    expect(pickSymbol('a', [square('a', 10, 10, 100)])).toBe('a');
    expect(pickSymbol('a', [])).toBe('a');
    // Two codes side by side: neither is inside the other, the pipeline's text stays.
    expect(pickSymbol('a', [square('b', 0, 0, 50), square('a', 100, 0, 50)])).toBe('a');
    expect(pickSymbol('a', [square('a', 0, 0, 50), square('a', 5, 5, 50)])).toBe('a');
  });

  it('answers the code nested inside the one read, whatever the order', () => {
    const outer = square('outer', 0, 0, 300);
    const inner = square('inner', 120, 120, 60);
    expect(pickSymbol('outer', [outer, inner])).toBe('inner');
    expect(pickSymbol('outer', [inner, outer])).toBe('inner');
    expect(pickSymbol('inner', [outer, inner])).toBe('inner');
    // Overlapping without being inside: not nested.
    expect(pickSymbol('outer', [outer, square('other', 250, 250, 100)])).toBe('outer');
  });
});

describe('double QR codes', () => {
  it('finds both codes of a double QR with their corners', async () => {
    const symbols = await readPlacedSymbols(doubleCode());
    expect(symbols.map((s) => s.text).sort()).toEqual([INNER, OUTER].sort());
  });

  it('overrules a pass that read the outer code, and says so', async () => {
    // Stands for any pass whose decoder reads one code only and happened to read the outer one.
    const outerFirst = { name: 'outer-first', decoder: { name: 'outer-first', decode: async () => OUTER } };
    const frame = doubleCode();
    expect(await new ScanPipeline([outerFirst]).decodeWithPass(frame)).toEqual({
      text: OUTER,
      pass: 'outer-first',
    });
    expect(
      await new ScanPipeline([outerFirst], { readAll: readPlacedSymbols }).decodeWithPass(frame),
    ).toEqual({
      text: INNER,
      pass: NESTED_PASS,
    });
  });

  it('the kiosk pipeline answers the inner code', async () => {
    expect((await kioskPipeline({ wasm: true }).decodeWithPass(doubleCode()))?.text).toBe(INNER);
  });
});
