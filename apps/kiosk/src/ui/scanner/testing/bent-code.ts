import QRCode from 'qrcode';
import type { GrayFrame } from '../gray-frame';
import type { Quad } from '../grid-fit';

/**
 * A QR code printed on a sheet that bulges and creases in front of the camera: each pixel shows the paper at
 * module coordinates (u, v) displaced by `bend` modules, a bump that is zero along the code's edges (so its
 * corners stay where a flat code's would be) and largest in the middle, plus a crease along the columns. The
 * corners are exact, which lets the tests compare the fitted grid with the true modules.
 */
export interface BentCode {
  frame: GrayFrame;
  /** 1 = dark, row by row, `size`×`size` */
  modules: Uint8Array;
  size: number;
  corners: Quad;
}

export function bentCode(text: string, { pitch = 5, bend = 0.6, crease = 0.5, margin = 4 } = {}): BentCode {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'L' });
  const size = qr.modules.size;
  const modules = new Uint8Array(size * size);
  for (let r = 0; r < size; r += 1)
    for (let c = 0; c < size; c += 1) modules[r * size + c] = qr.modules.get(r, c) ? 1 : 0;
  const side = Math.round((size + 2 * margin) * pitch);
  const data = new Uint8Array(side * side);
  const origin = margin * pitch;
  // Four samples per pixel, so that module edges are soft as in a photo.
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      let ink = 0;
      for (const [sx, sy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ] as const) {
        const u0 = (x + sx - origin) / pitch;
        const v0 = (y + sy - origin) / pitch;
        const inside = u0 >= 0 && v0 >= 0 && u0 < size && v0 < size;
        const bump = inside ? Math.sin((Math.PI * u0) / size) * Math.sin((Math.PI * v0) / size) : 0;
        const u = u0 + bend * bump + crease * bump * Math.sin((3 * Math.PI * v0) / size);
        const v = v0 - 0.7 * bend * bump;
        const col = Math.floor(u);
        const row = Math.floor(v);
        const dark = col >= 0 && row >= 0 && col < size && row < size && modules[row * size + col] === 1;
        ink += dark ? 1 : 0;
      }
      data[y * side + x] = Math.round(235 - (ink / 4) * 200);
    }
  }
  const at = (u: number, v: number) => ({ x: origin + u * pitch, y: origin + v * pitch });
  return {
    frame: { width: side, height: side, data },
    modules,
    size,
    corners: {
      topLeft: at(0, 0),
      topRight: at(size, 0),
      bottomRight: at(size, size),
      bottomLeft: at(0, size),
    },
  };
}
