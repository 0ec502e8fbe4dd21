import type { GrayFrame } from '../gray-frame';

/**
 * A Y4M (YUV4MPEG2, 4:2:0) video of grey frames: what Chromium's fake camera plays with
 * `--use-file-for-fake-video-capture=<file>.y4m`, looping. Grey means the chroma planes are all 128.
 */
export function y4mVideo(frames: readonly GrayFrame[], fps: number): Uint8Array {
  const first = frames[0];
  if (!first) throw new RangeError('a video needs at least one frame');
  const { width, height } = first;
  if (width % 2 || height % 2) throw new RangeError('4:2:0 needs an even width and height');
  if (frames.some((f) => f.width !== width || f.height !== height))
    throw new RangeError('frames differ in size');
  const encoder = new TextEncoder();
  const header = encoder.encode(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = encoder.encode('FRAME\n');
  const luma = width * height;
  const chroma = luma / 4;
  const frameBytes = frameHeader.length + luma + 2 * chroma;
  const out = new Uint8Array(header.length + frames.length * frameBytes);
  out.set(header);
  let offset = header.length;
  for (const frame of frames) {
    out.set(frameHeader, offset);
    out.set(frame.data, offset + frameHeader.length);
    out.fill(128, offset + frameHeader.length + luma, offset + frameBytes);
    offset += frameBytes;
  }
  return out;
}
