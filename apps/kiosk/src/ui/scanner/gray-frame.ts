/**
 * A grey-scale image, one byte of luminance per pixel, row by row: what every decoder in this folder reads.
 * Camera frames, corpus photos and generated card photos all become one of these first, so each decoder pass
 * sees exactly the same pixels wherever it runs (worker, Node test, benchmark).
 */
export interface GrayFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

export function grayFrame(width: number, height: number, data?: Uint8Array | Uint8ClampedArray): GrayFrame {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0)
    throw new RangeError(`frame size must be positive integers, got ${width}x${height}`);
  const pixels = data ?? new Uint8Array(width * height);
  if (pixels.length !== width * height)
    throw new RangeError(`frame of ${width}x${height} needs ${width * height} bytes, got ${pixels.length}`);
  return { width, height, data: pixels };
}

/** RGBA (canvas ImageData layout) to luminance with the Rec. 601 weights ZXing itself uses. */
export function rgbaToGray(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GrayFrame {
  if (rgba.length !== width * height * 4)
    throw new RangeError(
      `RGBA frame of ${width}x${height} needs ${width * height * 4} bytes, got ${rgba.length}`,
    );
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i += 1, j += 4) {
    // (306 R + 601 G + 117 B) / 1024 ≈ 0.299 R + 0.587 G + 0.114 B, in integers.
    out[i] =
      ((rgba[j] as number) * 306 + (rgba[j + 1] as number) * 601 + (rgba[j + 2] as number) * 117) >> 10;
  }
  return { width, height, data: out };
}

/** Grey to opaque RGBA, for decoders that only take ImageData-shaped input. */
export function grayToRgba(frame: GrayFrame): Uint8ClampedArray {
  const out = new Uint8ClampedArray(frame.width * frame.height * 4);
  const { data } = frame;
  for (let i = 0, j = 0; i < data.length; i += 1, j += 4) {
    const v = data[i] as number;
    out[j] = v;
    out[j + 1] = v;
    out[j + 2] = v;
    out[j + 3] = 255;
  }
  return out;
}
