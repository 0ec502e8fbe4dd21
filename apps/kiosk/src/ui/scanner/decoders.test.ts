import { base64urlnopad } from '@scure/base';
import { encodeCardToken, keyPairFromSecretKey, verifyCardToken } from '@vigevano/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { readZxingWasmBinary } from '../../../bench/wasm-binary';
import type { QrDecoder } from './decoder';
import { grayFrame } from './gray-frame';
import { kioskPipeline, MAX_FRAME_SIDE, ScanPipeline } from './pipeline';
import { cropFrame, invertFrame } from './preprocess';
import { scanRegion } from './scan-region';
import { renderCardPhoto, SHARP_CONDITIONS } from './testing/card-photo';
import { seededRandom } from './testing/random';
import { conditionsFor, randomCard } from './testing/scenarios';
import { zxingLibraryDecoder } from './zxing-library-decoder';
import { loadZxingWasm, zxingWasmDecoder } from './zxing-wasm-decoder';

// The real decoders on generated photos of real, signed card tokens: what the kiosk's camera would see. The key
// is fixed (signatures are deterministic), so every run photographs the very same code.
const random = seededRandom(42);
const issuer = keyPairFromSecretKey(
  base64urlnopad.encode(Uint8Array.from({ length: 32 }, () => Math.floor(random() * 256))),
);
const token = encodeCardToken(randomCard(random), issuer);
const sharpPhoto = renderCardPhoto(token, SHARP_CONDITIONS, random);
const crop = (photo: typeof sharpPhoto) => cropFrame(photo, scanRegion(photo.width, photo.height, 0.7));

beforeAll(async () => {
  // The binary from the npm package, never from the network.
  await loadZxingWasm(readZxingWasmBinary);
});

describe.each<[string, () => QrDecoder]>([
  ['@zxing/library', () => zxingLibraryDecoder()],
  ['zxing-wasm', () => zxingWasmDecoder()],
])('%s decoder', (_name, make) => {
  it('reads a sharp photo of a card, and the text is the signed token', async () => {
    const text = await make().decode(crop(sharpPhoto));
    expect(text).toBe(token);
    const verified = verifyCardToken(text as string, (keyId) =>
      keyId === issuer.keyId ? { id: 'server', keyId, publicKey: issuer.publicKey } : undefined,
    );
    expect(verified.ok).toBe(true);
  });

  it('answers null for a frame with no code (blank, or random noise)', async () => {
    const decoder = make();
    expect(await decoder.decode(grayFrame(320, 240, new Uint8Array(320 * 240).fill(200)))).toBeNull();
    const noise = new Uint8Array(320 * 240).map(() => Math.floor(random() * 256));
    expect(await decoder.decode(grayFrame(320, 240, noise))).toBeNull();
  });
});

describe('kiosk pipeline', () => {
  it('reads moderate photos of every kind, and says which pass did', async () => {
    const pipeline = kioskPipeline({ wasm: true });
    const photoRandom = seededRandom(7);
    for (const condition of ['noise', 'blur', 'perspective', 'low-light'] as const) {
      const text = encodeCardToken(randomCard(photoRandom), issuer);
      const photo = renderCardPhoto(text, conditionsFor(condition, 'moderate', photoRandom), photoRandom);
      const result = await pipeline.decodeWithPass(crop(photo));
      expect(result?.text, condition).toBe(text);
      expect(pipeline.passes.map((p) => p.name)).toContain(result?.pass);
    }
  });

  it('reads a small, defocused, noisy card (about 3 px per module) only after sharpening and enlarging it', async () => {
    // A version-7 code (a Cyrillic alias takes 2 bytes a letter) on a card 306 px wide: the defocus leaves a lone
    // module barely past the threshold and the noise tips it over; ZXing-C++ finds the code but misreads it.
    const text = encodeCardToken(
      {
        cardId: '01JB2Q8X4M6N7P9R0S1T2V3W4X',
        alias: 'Олена',
        language: 'uk',
        issuedAt: Date.UTC(2025, 5, 1),
      },
      issuer,
    );
    const conditions = { ...SHARP_CONDITIONS, cardWidth: 306, tilt: -6, perspective: 5, axis: 1, blur: 0.5 };
    const frame = crop(renderCardPhoto(text, { ...conditions, noise: 13 }, seededRandom(2)));
    const pipeline = kioskPipeline({ wasm: true });
    const result = await pipeline.decodeWithPass(frame);
    expect(result).toEqual({ text, pass: 'zxing-cpp/sharpen+x2' });
    // Every other pass, in the same order, misses it.
    const without = new ScanPipeline(pipeline.passes.filter((p) => p.name !== 'zxing-cpp/sharpen+x2'));
    expect(await without.decodeWithPass(frame)).toBeNull();
  });

  it('reads a light-on-dark code (phone in dark mode) with @zxing/library alone, through a later pass', async () => {
    const pipeline = kioskPipeline({ wasm: false });
    const inverted = invertFrame(crop(sharpPhoto));
    // The quick passes alone (most camera frames) do not read it; the thorough chain does.
    expect(await pipeline.decodeWithPass(inverted, { thorough: false })).toBeNull();
    const result = await pipeline.decodeWithPass(inverted);
    expect(result?.text).toBe(token);
    expect(result?.pass).not.toBe(pipeline.passes[0]?.name);
  });

  it('shrinks very large frames before decoding and still reads them', async () => {
    const seen: number[] = [];
    const recorder: QrDecoder = {
      name: 'size',
      decode: async (frame) => {
        seen.push(Math.max(frame.width, frame.height));
        return null;
      },
    };
    const big = new ScanPipeline([
      { name: 'size', decoder: recorder },
      { name: 'zxing-js', decoder: zxingLibraryDecoder() },
    ]);
    // The scan-frame crop at three times the size (1008 px a side: a high-resolution camera).
    const small = crop(sharpPhoto);
    const huge = grayFrame(small.width * 3, small.height * 3);
    for (let y = 0; y < huge.height; y += 1)
      for (let x = 0; x < huge.width; x += 1)
        huge.data[y * huge.width + x] = small.data[
          Math.floor(y / 3) * small.width + Math.floor(x / 3)
        ] as number;
    expect(await big.decode(huge)).toBe(token);
    expect(seen).toEqual([MAX_FRAME_SIDE]);
  });

  it('answers null when no pass reads anything', async () => {
    const pipeline = kioskPipeline({ wasm: true });
    expect(await pipeline.decodeWithPass(grayFrame(200, 200, new Uint8Array(200 * 200).fill(90)))).toBeNull();
  });

  it('refuses to be built with no pass', () => {
    expect(() => new ScanPipeline([])).toThrow(RangeError);
  });
});
