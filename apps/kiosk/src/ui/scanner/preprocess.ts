import type { GrayFrame } from './gray-frame';

/*
 * Pure image operations for the second decoding passes. Each one answers a failure seen on real photos:
 * - a code printed right to the edge of a crop has no quiet zone: `padFrame` gives it one;
 * - a code whose modules are 2 to 3 pixels wide is too small for the binarizer's blocks: `scaleFrame` up;
 * - screen moiré, paper grain and sensor noise break the finder patterns: `boxBlur`;
 * - a dim or washed-out frame uses a narrow band of grey: `stretchContrast`;
 * - light-on-dark codes (phone dark mode): `invertFrame`.
 */

export function padFrame(frame: GrayFrame, fraction = 0.15, value = 255): GrayFrame {
  const pad = Math.max(4, Math.round(Math.max(frame.width, frame.height) * fraction));
  const width = frame.width + 2 * pad;
  const height = frame.height + 2 * pad;
  const out = new Uint8Array(width * height).fill(value);
  for (let y = 0; y < frame.height; y += 1) {
    out.set(frame.data.subarray(y * frame.width, (y + 1) * frame.width), (y + pad) * width + pad);
  }
  return { width, height, data: out };
}

/** Bilinear resampling by `factor` (> 1 enlarges). */
export function scaleFrame(frame: GrayFrame, factor: number): GrayFrame {
  if (!(factor > 0)) throw new RangeError(`scale factor must be positive, got ${factor}`);
  const width = Math.max(1, Math.round(frame.width * factor));
  const height = Math.max(1, Math.round(frame.height * factor));
  const { data, width: sw, height: sh } = frame;
  const out = new Uint8Array(width * height);
  const maxX = sw - 1;
  const maxY = sh - 1;
  for (let y = 0; y < height; y += 1) {
    const fy = Math.min(maxY, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(maxY, y0 + 1);
    const ay = fy - y0;
    for (let x = 0; x < width; x += 1) {
      const fx = Math.min(maxX, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(maxX, x0 + 1);
      const ax = fx - x0;
      const top = (data[y0 * sw + x0] as number) * (1 - ax) + (data[y0 * sw + x1] as number) * ax;
      const bottom = (data[y1 * sw + x0] as number) * (1 - ax) + (data[y1 * sw + x1] as number) * ax;
      out[y * width + x] = Math.round(top * (1 - ay) + bottom * ay);
    }
  }
  return { width, height, data: out };
}

/** Mean over a (2r+1)² box, edges clamped; separable, so linear in the pixel count whatever r is. */
export function boxBlur(frame: GrayFrame, radius = 1): GrayFrame {
  const { width, height, data } = frame;
  const size = 2 * radius + 1;
  const tmp = new Uint16Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    let sum = 0;
    for (let i = -radius; i <= radius; i += 1)
      sum += data[row + Math.min(width - 1, Math.max(0, i))] as number;
    for (let x = 0; x < width; x += 1) {
      tmp[row + x] = sum;
      sum +=
        (data[row + Math.min(width - 1, x + radius + 1)] as number) -
        (data[row + Math.max(0, x - radius)] as number);
    }
  }
  const out = new Uint8Array(width * height);
  const area = size * size;
  for (let x = 0; x < width; x += 1) {
    let sum = 0;
    for (let i = -radius; i <= radius; i += 1)
      sum += tmp[Math.min(height - 1, Math.max(0, i)) * width + x] as number;
    for (let y = 0; y < height; y += 1) {
      out[y * width + x] = Math.round(sum / area);
      sum +=
        (tmp[Math.min(height - 1, y + radius + 1) * width + x] as number) -
        (tmp[Math.max(0, y - radius) * width + x] as number);
    }
  }
  return { width, height, data: out };
}

/** Maps the 1st..99th percentile of the frame's grey levels onto 0..255. */
export function stretchContrast(frame: GrayFrame, clip = 0.01): GrayFrame {
  const histogram = new Uint32Array(256);
  for (const v of frame.data) histogram[v] = (histogram[v] as number) + 1;
  const limit = frame.data.length * clip;
  let low = 0;
  for (let seen = 0; low < 255; low += 1) {
    seen += histogram[low] as number;
    if (seen > limit) break;
  }
  let high = 255;
  for (let seen = 0; high > 0; high -= 1) {
    seen += histogram[high] as number;
    if (seen > limit) break;
  }
  const out = new Uint8Array(frame.data.length);
  if (high <= low) return { ...frame, data: out.fill(128) };
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v += 1)
    lut[v] = Math.max(0, Math.min(255, Math.round(((v - low) * 255) / (high - low))));
  for (let i = 0; i < out.length; i += 1) out[i] = lut[frame.data[i] as number] as number;
  return { width: frame.width, height: frame.height, data: out };
}

export function invertFrame(frame: GrayFrame): GrayFrame {
  const out = new Uint8Array(frame.data.length);
  for (let i = 0; i < out.length; i += 1) out[i] = 255 - (frame.data[i] as number);
  return { width: frame.width, height: frame.height, data: out };
}

/** Scales a frame down so its longer side is at most `maxSide` (area-averaging first when shrinking a lot). */
export function limitSize(frame: GrayFrame, maxSide: number): GrayFrame {
  const longer = Math.max(frame.width, frame.height);
  if (longer <= maxSide) return frame;
  const factor = maxSide / longer;
  // A plain bilinear shrink by more than 2x skips pixels and aliases fine modules: average first.
  const radius = Math.floor(1 / factor / 2);
  return scaleFrame(radius > 0 ? boxBlur(frame, radius) : frame, factor);
}

/** The pixels inside `rect` (clamped to the frame): the scan-frame crop the worker gets from the camera. */
export function cropFrame(
  frame: GrayFrame,
  rect: { x: number; y: number; width: number; height: number },
): GrayFrame {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(frame.width, Math.floor(rect.x + rect.width));
  const y1 = Math.min(frame.height, Math.floor(rect.y + rect.height));
  if (x1 <= x0 || y1 <= y0) throw new RangeError('the crop is outside the frame');
  const width = x1 - x0;
  const out = new Uint8Array(width * (y1 - y0));
  for (let y = y0; y < y1; y += 1)
    out.set(frame.data.subarray(y * frame.width + x0, y * frame.width + x1), (y - y0) * width);
  return { width, height: y1 - y0, data: out };
}

/** Unsharp mask: frame + amount × (frame − blurred). Restores module edges softened by defocus. */
export function sharpen(frame: GrayFrame, radius = 1, amount = 1): GrayFrame {
  const blurred = boxBlur(frame, radius);
  const out = new Uint8Array(frame.data.length);
  for (let i = 0; i < out.length; i += 1) {
    const v = frame.data[i] as number;
    out[i] = Math.max(0, Math.min(255, Math.round(v + amount * (v - (blurred.data[i] as number)))));
  }
  return { width: frame.width, height: frame.height, data: out };
}
