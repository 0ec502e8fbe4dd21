import {
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
import type { QrDecoder } from './decoder';
import type { GrayFrame } from './gray-frame';

export interface ZxingLibraryOptions {
  /** 'hybrid' (local thresholds, the default) copes with uneven light; 'global' with soft, low-contrast images */
  binarizer?: 'hybrid' | 'global';
  /** the frame holds nothing but the code (a screenshot or a scan): skips finder-pattern detection */
  pure?: boolean;
  name?: string;
}

/** @zxing/library (ZXing ported to TypeScript): the kiosk's first pass, pure JavaScript, no WebAssembly. */
export function zxingLibraryDecoder(options: ZxingLibraryOptions = {}): QrDecoder {
  const binarizer = options.binarizer ?? 'hybrid';
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
  if (options.pure) hints.set(DecodeHintType.PURE_BARCODE, true);
  const reader = new QRCodeReader();
  const name = options.name ?? `zxing-js/${binarizer}${options.pure ? '/pure' : ''}`;
  return {
    name,
    async decode(frame: GrayFrame) {
      const { data } = frame;
      const luminances =
        data instanceof Uint8ClampedArray
          ? data
          : new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
      const source = new RGBLuminanceSource(luminances, frame.width, frame.height);
      const bitmap = new BinaryBitmap(
        binarizer === 'hybrid' ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source),
      );
      try {
        return reader.decode(bitmap, hints).getText();
      } catch {
        // ZXing reports "no code here" and "a code that does not decode" by throwing: both are a null answer.
        return null;
      } finally {
        reader.reset();
      }
    },
  };
}
