/** A rectangle in video pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of a camera frame that is decoded: a centred square, `fraction` of the frame's shorter side. The
 * preview draws its scan frame with the same fraction of the same box (see ScannerView), so what the visitor
 * lines up is what the worker reads; cropping also makes each frame smaller, hence faster to decode.
 */
export function scanRegion(videoWidth: number, videoHeight: number, fraction: number): Rect {
  if (!(videoWidth > 0 && videoHeight > 0)) throw new RangeError('the video has no size yet');
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  const side = Math.max(1, Math.floor(Math.min(videoWidth, videoHeight) * fraction));
  return {
    x: Math.floor((videoWidth - side) / 2),
    y: Math.floor((videoHeight - side) / 2),
    width: side,
    height: side,
  };
}

/** The size to hand the decoder: the crop shrunk so its side is at most `maxSide` (never enlarged). */
export function decodeSize(region: Rect, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(region.width, region.height));
  return {
    width: Math.max(1, Math.round(region.width * scale)),
    height: Math.max(1, Math.round(region.height * scale)),
  };
}
