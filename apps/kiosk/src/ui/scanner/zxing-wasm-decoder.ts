import { prepareZXingModule, type ReaderOptions, type ReadResult, readBarcodes } from 'zxing-wasm/reader';
import type { QrDecoder } from './decoder';
import { type GrayFrame, grayToRgba } from './gray-frame';

/**
 * zxing-wasm: ZXing-C++ (the maintained ZXing) in WebAssembly, the second pass. Its reader binary ships in the
 * npm package; the caller hands it over (the worker fetches it from the kiosk's own origin, where Vite put it;
 * Node reads it from node_modules), so nothing is ever fetched from elsewhere: zxing-wasm's own default would
 * load it from a CDN.
 */
let ready: Promise<void> | undefined;

/** Compiles the reader once per thread. Rejects where WebAssembly is not allowed (a CSP without wasm-unsafe-eval). */
export function loadZxingWasm(wasmBinary: () => Promise<ArrayBuffer>): Promise<void> {
  ready ??= (async () => {
    const binary = await wasmBinary();
    await prepareZXingModule({ overrides: { wasmBinary: binary }, fireImmediately: true });
  })();
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

export interface ZxingWasmOptions {
  binarizer?: 'LocalAverage' | 'GlobalHistogram';
  /** morphological closing before detection: rescues noisy and crumpled prints, costs a little */
  denoise?: boolean;
  /** let ZXing-C++ also try the frame shrunk (its default); off for frames a pass has just enlarged */
  downscale?: boolean;
  name?: string;
}

// Several wasm passes may look at the same frame: convert it to RGBA once.
const rgbaCache = new WeakMap<GrayFrame, Uint8ClampedArray>();

/** ZXing-C++ on a grey frame, every result it gives (needs `loadZxingWasm` to have resolved first). */
export async function readQrSymbols(frame: GrayFrame, options: ReaderOptions): Promise<ReadResult[]> {
  let rgba = rgbaCache.get(frame);
  if (!rgba) {
    rgba = grayToRgba(frame);
    rgbaCache.set(frame, rgba);
  }
  return readBarcodes(
    // ImageData-shaped (zxing-wasm checks the shape, not the class): works in workers and in Node alike.
    { data: rgba, width: frame.width, height: frame.height, colorSpace: 'srgb' } as Parameters<
      typeof readBarcodes
    >[0],
    { formats: ['QRCode'], textMode: 'Plain', ...options },
  );
}

/** Needs `loadZxingWasm` to have resolved first. */
export function zxingWasmDecoder(options: ZxingWasmOptions = {}): QrDecoder {
  const binarizer = options.binarizer ?? 'LocalAverage';
  const readerOptions: ReaderOptions = {
    formats: ['QRCode'],
    tryHarder: true,
    tryRotate: true,
    tryInvert: true,
    tryDownscale: options.downscale ?? true,
    tryDenoise: options.denoise ?? false,
    binarizer,
    maxNumberOfSymbols: 1,
    // The bytes as text (like @zxing/library), not ZXing-C++'s default human-readable rendering of GS1 and such.
    textMode: 'Plain',
  };
  const name =
    options.name ??
    `zxing-cpp/${binarizer === 'LocalAverage' ? 'local' : 'global'}${options.denoise ? '/denoise' : ''}`;
  return {
    name,
    async decode(frame: GrayFrame) {
      const results = await readQrSymbols(frame, readerOptions);
      return results.find((r) => r.isValid)?.text ?? null;
    },
  };
}
