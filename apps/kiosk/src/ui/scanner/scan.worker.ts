import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { findFinderPatterns } from './finder-patterns';
import { type GrayFrame, rgbaToGray } from './gray-frame';
import { kioskPipeline, type ScanPipeline } from './pipeline';
import type { FromScanWorker, ToScanWorker } from './scan-worker-protocol';
import { loadZxingWasm } from './zxing-wasm-decoder';

// The decoding thread: camera crops in, texts out. All ZXing work happens here, never on the UI thread.
// (Typed by hand: the UI's tsconfig has the DOM library, which cannot be combined with the WebWorker one.)
const scope = self as unknown as {
  postMessage(message: FromScanWorker): void;
  onmessage: ((event: MessageEvent<ToScanWorker>) => void) | null;
};

function post(message: FromScanWorker): void {
  scope.postMessage(message);
}

async function buildPipeline(): Promise<ScanPipeline> {
  try {
    // The binary comes from the kiosk's own origin (Vite emitted it next to this worker), never from a CDN.
    await loadZxingWasm(async () => {
      const response = await fetch(wasmUrl);
      if (!response.ok) throw new Error(`zxing_reader.wasm: HTTP ${response.status}`);
      return response.arrayBuffer();
    });
    const pipeline = kioskPipeline({ wasm: true });
    post({ type: 'ready', passes: pipeline.passes.map((p) => p.name) });
    return pipeline;
  } catch (error) {
    // e.g. a Content-Security-Policy without 'wasm-unsafe-eval': scanning goes on with @zxing/library alone.
    const pipeline = kioskPipeline({ wasm: false });
    post({ type: 'ready', passes: pipeline.passes.map((p) => p.name), wasmError: String(error) });
    return pipeline;
  }
}

const pipeline = buildPipeline();
let canvas: OffscreenCanvas | undefined;
// Every frame gets the quick passes; the whole chain runs at most once every THOROUGH_INTERVAL_MS (preprocessing
// passes cost 50-150 ms on a frame with no card, and a kiosk's camera mostly sees no card). By time, not by frame
// count, so that looking at every camera frame (ScannerView) does not multiply the thorough work: a card held up
// for a second is still tried thoroughly three times, as when one frame in three was sampled every 100 ms.
const THOROUGH_INTERVAL_MS = 300;
let lastThoroughAt = Number.NEGATIVE_INFINITY;

function bitmapToGray(bitmap: ImageBitmap): GrayFrame {
  const { width, height } = bitmap;
  if (!canvas || canvas.width !== width || canvas.height !== height)
    canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D context in the worker');
  context.drawImage(bitmap, 0, 0);
  return rgbaToGray(context.getImageData(0, 0, width, height).data, width, height);
}

scope.onmessage = async (event: MessageEvent<ToScanWorker>) => {
  const message = event.data;
  try {
    let frame: GrayFrame;
    if (message.type === 'bitmap') {
      try {
        frame = bitmapToGray(message.bitmap);
      } finally {
        message.bitmap.close();
      }
    } else {
      frame = { width: message.width, height: message.height, data: new Uint8Array(message.data) };
    }
    const decoder = await pipeline;
    const started = performance.now();
    const thorough = started - lastThoroughAt >= THOROUGH_INTERVAL_MS;
    if (thorough) lastThoroughAt = started;
    const result = await decoder.decodeWithPass(frame, { thorough });
    const ms = performance.now() - started;
    // Only after a frame gave no text, and after its time was taken: the guidance never delays a read.
    const sighting = result
      ? null
      : { width: frame.width, height: frame.height, finders: findFinderPatterns(frame) };
    post({
      type: 'result',
      id: message.id,
      text: result?.text ?? null,
      pass: result?.pass ?? null,
      ms,
      sighting,
    });
  } catch (error) {
    post({ type: 'failed', id: message.id, message: String(error) });
  }
};
