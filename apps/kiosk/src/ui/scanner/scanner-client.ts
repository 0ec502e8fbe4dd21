import type { Sighting } from './scan-guidance';
import type { FromScanWorker, ToScanWorker } from './scan-worker-protocol';

export interface ScanWorkerReady {
  passes: string[];
  wasmError?: string;
}

export interface ScanWorkerResult {
  text: string | null;
  pass: string | null;
  /** decoding time in the worker, ms (the finder search for the guidance comes after it, not counted) */
  ms: number;
  /** when no text was read: the finder patterns seen (scan-guidance.ts); null when a text was read */
  sighting: Sighting | null;
}

/**
 * The UI thread's side of the decoding worker: sends camera crops, gets promises of answers. It never decodes
 * anything itself.
 */
export class ScannerClient {
  readonly ready: Promise<ScanWorkerReady>;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: ScanWorkerResult) => void; reject: (e: Error) => void }
  >();
  private terminated = false;

  constructor(private readonly worker: Worker) {
    let onReady: (ready: ScanWorkerReady) => void = () => {};
    this.ready = new Promise((resolve) => {
      onReady = resolve;
    });
    worker.onmessage = (event: MessageEvent<FromScanWorker>) => {
      const message = event.data;
      if (message.type === 'ready') {
        if (message.wasmError)
          console.warn('scanner: ZXing-C++ not available, @zxing/library only:', message.wasmError);
        onReady({ passes: message.passes, ...(message.wasmError ? { wasmError: message.wasmError } : {}) });
        return;
      }
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.type === 'result')
        waiting.resolve({
          text: message.text,
          pass: message.pass,
          ms: message.ms,
          sighting: message.sighting,
        });
      else waiting.reject(new Error(message.message));
    };
    worker.onerror = (event) => this.failAll(new Error(`scan worker: ${event.message}`));
  }

  /** The kiosk's worker, bundled by Vite (a same-origin module worker, as the kiosk's CSP requires). */
  static start(): ScannerClient {
    return new ScannerClient(new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module' }));
  }

  /** Decodes a camera crop; the bitmap is transferred to the worker (unusable here afterwards). */
  decodeBitmap(bitmap: ImageBitmap): Promise<ScanWorkerResult> {
    const id = this.nextId++;
    return this.send({ type: 'bitmap', id, bitmap }, [bitmap]);
  }

  /** Decodes a grey frame (one byte per pixel); the buffer is transferred. */
  decodeGray(width: number, height: number, data: Uint8Array): Promise<ScanWorkerResult> {
    const id = this.nextId++;
    const copy = data.slice().buffer;
    return this.send({ type: 'gray', id, width, height, data: copy }, [copy]);
  }

  terminate(): void {
    this.terminated = true;
    this.worker.terminate();
    this.failAll(new Error('scanner stopped'));
  }

  private send(message: ToScanWorker, transfer: Transferable[]): Promise<ScanWorkerResult> {
    if (this.terminated) return Promise.reject(new Error('scanner stopped'));
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
