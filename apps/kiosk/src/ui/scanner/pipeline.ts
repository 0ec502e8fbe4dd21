import type { QrDecodeResult, QrDecoder } from './decoder';
import type { GrayFrame } from './gray-frame';
import { gridFitDecoder } from './grid-fit-decoder';
import { type PlacedSymbol, pickSymbol, readPlacedSymbols } from './nested-codes';
import {
  boxBlur,
  invertFrame,
  limitSize,
  padFrame,
  scaleFrame,
  sharpen,
  stretchContrast,
} from './preprocess';
import { zxingLibraryDecoder } from './zxing-library-decoder';
import { zxingWasmDecoder } from './zxing-wasm-decoder';

/** One attempt: an optional preprocessing step, then a decoder. */
export interface DecodePass {
  name: string;
  decoder: QrDecoder;
  prepare?: (frame: GrayFrame) => GrayFrame;
  /** skip the pass for frames it cannot help (e.g. enlarging a frame that is already large) */
  applies?: (frame: GrayFrame) => boolean;
  /** cheap enough for every camera frame (no preprocessing); the others run on `thorough` frames only */
  quick?: boolean;
}

/** The pass name reported when the answer is a code found nested inside the one a pass read. */
export const NESTED_PASS = 'nested-code';

/** Frames larger than this are shrunk first: a card filling a 640x480 camera crop never needs more. */
export const MAX_FRAME_SIDE = 800;

/**
 * Tries each pass in order and answers with the first text read. Passes are ordered by what they add per
 * millisecond on the corpus and on our card photos (`npm run bench:scan` prints both), so a frame that the first
 * pass reads costs only that pass; the later ones run only on frames that failed.
 */
export class ScanPipeline implements QrDecoder {
  readonly name: string;
  /**
   * `readAll`: every code in a frame with its corners. Asked only once a pass has read a text, so that a code
   * nested inside another (a "double QR") answers instead of the frame around it (see nested-codes.ts).
   */
  constructor(
    readonly passes: readonly DecodePass[],
    private readonly options: { readAll?: (frame: GrayFrame) => Promise<PlacedSymbol[]> } = {},
  ) {
    if (passes.length === 0) throw new RangeError('a scan pipeline needs at least one pass');
    this.name = passes.map((p) => p.name).join(' → ');
  }

  /**
   * `thorough: false` runs only the quick passes: a kiosk's camera mostly sees no card at all, and the full chain
   * costs 50 to 150 ms on such a frame; the worker runs it on every few frames instead (see scan.worker.ts).
   */
  async decodeWithPass(input: GrayFrame, { thorough = true } = {}): Promise<QrDecodeResult | null> {
    const frame = limitSize(input, MAX_FRAME_SIDE);
    // Preprocessed frames are shared by later passes that ask for the same step (same function object).
    const prepared = new Map<(f: GrayFrame) => GrayFrame, GrayFrame>();
    for (const pass of this.passes) {
      if (!thorough && !pass.quick) continue;
      if (pass.applies && !pass.applies(frame)) continue;
      let image = frame;
      if (pass.prepare) {
        image = prepared.get(pass.prepare) ?? pass.prepare(frame);
        prepared.set(pass.prepare, image);
      }
      const text = await pass.decoder.decode(image);
      if (text === null) continue;
      if (!this.options.readAll) return { text, pass: pass.name };
      const picked = pickSymbol(text, await this.options.readAll(frame));
      return { text: picked, pass: picked === text ? pass.name : NESTED_PASS };
    }
    return null;
  }

  async decode(frame: GrayFrame): Promise<string | null> {
    return (await this.decodeWithPass(frame))?.text ?? null;
  }
}

// Named steps, so that passes sharing one are computed once per frame.
const pad = (f: GrayFrame) => padFrame(f);
const blur = (f: GrayFrame) => boxBlur(f, 1);
const stretch = (f: GrayFrame) => stretchContrast(f);
const invert = (f: GrayFrame) => invertFrame(f);
const enlarged = new WeakMap<GrayFrame, GrayFrame>();
const enlarge = (f: GrayFrame) => {
  let big = enlarged.get(f);
  if (!big) {
    big = scaleFrame(f, 2);
    enlarged.set(f, big);
  }
  return big;
};
const enlargeSmooth = (f: GrayFrame) => boxBlur(enlarge(f), 1);
const unsharp = (f: GrayFrame) => sharpen(f, 2, 1.5);
const smoothThenSharpen = (f: GrayFrame) => sharpen(boxBlur(f, 1), 2, 1);
// A 5x5 box has the variance of a Gaussian of sigma 1.4 px: about the defocus of a moderate photo, undone twice over.
const sharpenThenEnlarge = (f: GrayFrame) => scaleFrame(sharpen(f, 2, 2), 2);
const small = (f: GrayFrame) => Math.max(f.width, f.height) <= 400;

/** @zxing/library only: what runs where WebAssembly is not available. */
function libraryPasses(): DecodePass[] {
  const hybrid = zxingLibraryDecoder({ binarizer: 'hybrid' });
  const global = zxingLibraryDecoder({ binarizer: 'global' });
  return [
    { name: 'zxing-js', decoder: hybrid, quick: true },
    { name: 'zxing-js/stretch', decoder: hybrid, prepare: stretch },
    { name: 'zxing-js/global', decoder: global },
    { name: 'zxing-js/pad+global', decoder: global, prepare: pad },
    { name: 'zxing-js/blur', decoder: hybrid, prepare: blur },
    { name: 'zxing-js/invert', decoder: hybrid, prepare: invert },
    { name: 'zxing-js/pure', decoder: zxingLibraryDecoder({ pure: true }) },
  ];
}

/** ZXing-C++ passes, after `loadZxingWasm` resolved. */
function wasmPasses(): DecodePass[] {
  const local = zxingWasmDecoder();
  const denoise = zxingWasmDecoder({ denoise: true });
  return [
    { name: 'zxing-cpp', decoder: local, quick: true },
    { name: 'zxing-cpp/denoise', decoder: denoise },
    { name: 'zxing-cpp/global', decoder: zxingWasmDecoder({ binarizer: 'GlobalHistogram' }) },
    // Codes whose modules carry a picture (designer codes): one threshold for the whole code, then closing.
    {
      name: 'zxing-cpp/global+denoise',
      decoder: zxingWasmDecoder({ binarizer: 'GlobalHistogram', denoise: true }),
    },
    // Defocus and glare soften module edges: an unsharp mask puts them back.
    { name: 'zxing-cpp/sharpen', decoder: local, prepare: unsharp },
    // Small codes (2-3 px per module): enlarged, plain for small sharp ones, smoothed for noisy ones.
    { name: 'zxing-cpp/x2+denoise', decoder: denoise, prepare: enlarge, applies: small },
    { name: 'zxing-cpp/x2+smooth', decoder: denoise, prepare: enlargeSmooth, applies: small },
    // Small codes (about 3 px per module) blurred so that a lone module barely reaches the threshold: ZXing-C++
    // then finds the code but samples it wrong. Deconvolve first (a strong unsharp mask), then enlarge.
    {
      name: 'zxing-cpp/sharpen+x2',
      decoder: zxingWasmDecoder({ denoise: true, downscale: false }),
      prepare: sharpenThenEnlarge,
      applies: small,
    },
    // Sensor noise on a small code: smooth it away, then restore the edges.
    { name: 'zxing-cpp/smooth+sharpen', decoder: local, prepare: smoothThenSharpen },
    // Crumpled or bent paper: found but not decodable through one projective transform (see grid-fit.ts).
    { name: 'zxing-cpp/grid-fit', decoder: gridFitDecoder() },
  ];
}

/**
 * The kiosk's pipeline: @zxing/library first (the decoder), then ZXing-C++ when WebAssembly could be
 * loaded, then the preprocessing passes of @zxing/library.
 */
export function kioskPipeline(options: { wasm: boolean }): ScanPipeline {
  const library = libraryPasses();
  const [first, ...rest] = library as [DecodePass, ...DecodePass[]];
  if (!options.wasm) return new ScanPipeline(library);
  return new ScanPipeline([first, ...wasmPasses(), ...rest], { readAll: readPlacedSymbols });
}
