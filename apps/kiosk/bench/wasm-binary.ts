import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The ZXing-C++ reader binary from node_modules (the worker gets the same file from the kiosk's origin). */
export async function readZxingWasmBinary(): Promise<ArrayBuffer> {
  const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const bytes = await readFile(path);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
