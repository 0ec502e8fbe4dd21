import sharp from 'sharp';
import { type GrayFrame, grayFrame } from '../gray-frame';

/**
 * A 640×480 camera frame of an image shown on a screen held up to the kiosk (e.g. the dashboard's enrolment QR,
 * an SVG): rasterised by sharp at `side` px, grey, centred on a white page. Grey levels stay as the image has them.
 */
export async function screenPhoto(svg: string, side = 320): Promise<GrayFrame> {
  const width = 640;
  const height = 480;
  const { data } = await sharp(Buffer.from(svg), { density: 300 })
    .resize(side, side, { fit: 'contain', background: '#ffffff', kernel: 'nearest' })
    .flatten({ background: '#ffffff' })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const frame = grayFrame(width, height, new Uint8Array(width * height).fill(255));
  const left = (width - side) >> 1;
  const top = (height - side) >> 1;
  for (let y = 0; y < side; y += 1)
    frame.data.set(data.subarray(y * side, (y + 1) * side), (top + y) * width + left);
  return frame;
}
