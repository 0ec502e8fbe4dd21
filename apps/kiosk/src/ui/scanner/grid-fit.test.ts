import { beforeAll, describe, expect, it } from 'vitest';
import { readZxingWasmBinary } from '../../../bench/wasm-binary';
import { grayFrame } from './gray-frame';
import { fitModuleGrid, renderModules } from './grid-fit';
import { gridFitDecoder } from './grid-fit-decoder';
import { bentCode } from './testing/bent-code';
import { loadZxingWasm, zxingWasmDecoder } from './zxing-wasm-decoder';

const TEXT = 'VG1:grid-fit test, a code printed on a crumpled sheet';

/** How many modules a threshold halfway between the darkest and lightest samples reads wrong. */
function wrongModules(samples: Float32Array, modules: Uint8Array): number {
  const threshold = (Math.min(...samples) + Math.max(...samples)) / 2;
  let wrong = 0;
  for (let m = 0; m < modules.length; m += 1)
    if (((samples[m] as number) < threshold ? 1 : 0) !== modules[m]) wrong += 1;
  return wrong;
}

beforeAll(async () => {
  await loadZxingWasm(readZxingWasmBinary);
});

describe('fitModuleGrid', () => {
  it('samples a flat code exactly, with or without fitting', () => {
    const flat = bentCode(TEXT, { bend: 0, crease: 0 });
    expect(
      wrongModules(fitModuleGrid(flat.frame, flat.corners, flat.size, { rounds: 0 }), flat.modules),
    ).toBe(0);
    expect(wrongModules(fitModuleGrid(flat.frame, flat.corners, flat.size), flat.modules)).toBe(0);
  });

  it('follows a bent sheet that one projective transform misreads', () => {
    const bent = bentCode(TEXT);
    const projective = wrongModules(
      fitModuleGrid(bent.frame, bent.corners, bent.size, { rounds: 0 }),
      bent.modules,
    );
    const fitted = wrongModules(fitModuleGrid(bent.frame, bent.corners, bent.size), bent.modules);
    // The bulge moves the middle of the code by more than half a module: a straight grid misreads part of it.
    expect(projective).toBeGreaterThan(bent.modules.length * 0.05);
    expect(fitted).toBe(0);
  });

  it('refuses a size that is not a QR code', () => {
    const flat = bentCode(TEXT, { bend: 0, crease: 0 });
    expect(() => fitModuleGrid(flat.frame, flat.corners, 20)).toThrow(RangeError);
  });
});

describe('renderModules', () => {
  it('draws each module as a square of its grey, stretched, inside a light margin', () => {
    const samples = new Float32Array(21 * 21).map((_, m) => (m % 2 === 0 ? 40 : 200));
    const flat = renderModules(samples, 21, 3, 4);
    expect([flat.width, flat.height]).toEqual([(21 + 8) * 3, (21 + 8) * 3]);
    expect(flat.data[0]).toBe(255);
    const at = (i: number, j: number, dx = 0, dy = 0) =>
      flat.data[((j + 4) * 3 + dy) * flat.width + (i + 4) * 3 + dx];
    expect([at(0, 0), at(0, 0, 2, 2), at(1, 0), at(1, 0, 2, 1)]).toEqual([0, 0, 255, 255]);
    expect(() => renderModules(samples, 20)).toThrow(RangeError);
  });
});

describe('gridFitDecoder', () => {
  it('reads the bent code that ZXing-C++ alone cannot', async () => {
    const bent = bentCode(TEXT);
    expect(await zxingWasmDecoder().decode(bent.frame)).toBeNull();
    expect(await zxingWasmDecoder({ denoise: true }).decode(bent.frame)).toBeNull();
    expect(await gridFitDecoder().decode(bent.frame)).toBe(TEXT);
  });

  it('answers null when there is no code to fit', async () => {
    expect(
      await gridFitDecoder().decode(grayFrame(240, 240, new Uint8Array(240 * 240).fill(180))),
    ).toBeNull();
  });
});
