import type { Sighting } from './scan-guidance';

/** Messages between the UI thread (ScannerClient) and the decoding worker (scan.worker.ts). */
export type ToScanWorker =
  /** a camera crop; the bitmap is transferred, the worker closes it */
  | { type: 'bitmap'; id: number; bitmap: ImageBitmap }
  /** an already grey frame (tests and tools); the buffer is transferred */
  | { type: 'gray'; id: number; width: number; height: number; data: ArrayBuffer };

export type FromScanWorker =
  /** the pipeline is built; `wasmError` says why ZXing-C++ is not in it, if it is not */
  | { type: 'ready'; passes: string[]; wasmError?: string }
  /** `sighting`: the finder patterns in a crop that gave no text (for the scan guidance), else null */
  | {
      type: 'result';
      id: number;
      text: string | null;
      pass: string | null;
      ms: number;
      sighting: Sighting | null;
    }
  | { type: 'failed'; id: number; message: string };
