import type { GrayFrame } from './gray-frame';

/**
 * One way of reading a QR code from a grey-scale frame. Every implementation (ZXing in TypeScript, ZXing-C++ in
 * WebAssembly, either after some preprocessing) sits behind this, so the worker, the tests and `npm run bench:scan`
 * run the very same pipeline.
 */
export interface QrDecoder {
  /** short, stable name, shown in the benchmark and in the worker's answers */
  readonly name: string;
  /** the text of the first QR code found, or null when there is none that decodes */
  decode(frame: GrayFrame): Promise<string | null>;
}

/** What a pipeline answers: the text and which pass read it (the benchmark counts passes). */
export interface QrDecodeResult {
  text: string;
  pass: string;
}
