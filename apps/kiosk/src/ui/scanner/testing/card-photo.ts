import QRCode from 'qrcode';
import type { GrayFrame } from '../gray-frame';
import { homographyFromPoints, invertHomography } from '../homography';
import { boxBlur } from '../preprocess';
import { between, gaussian } from './random';

/**
 * Synthetic camera photos of our own visitor cards: the layout of packages/card-sheet (a credit-card-size card,
 * the QR code at level M with a 2-module margin on the left 44 mm, the alias and notes on the right), seen by a
 * 640x480 camera with the defects a kiosk camera meets. Used by the unit tests, the browser test's fake camera
 * video and `npm run bench:scan`.
 */
export interface PhotoConditions {
  /** width of the card in the image, px (the code is about half of it) */
  cardWidth: number;
  /** rotation in the image plane, degrees */
  tilt: number;
  /** card turned away from the camera by this many degrees, about an axis in its plane at `axis` radians */
  perspective: number;
  axis: number;
  /** where the centre of the code lands, relative to the image centre, px */
  offsetX: number;
  offsetY: number;
  /** defocus: Gaussian sigma in px (0: sharp) */
  blur: number;
  /** sensor noise: sigma in grey levels */
  noise: number;
  /** exposure: 1 normal, 0.2 a dim room */
  light: number;
  /** a reflection: peak added brightness (0..1 of full scale), centre relative to the code's centre, radius px */
  glare: number;
  glareX: number;
  glareY: number;
  glareRadius: number;
}

const PHOTO_WIDTH = 640;
const PHOTO_HEIGHT = 480;

export const SHARP_CONDITIONS: PhotoConditions = {
  cardWidth: 400,
  tilt: 0,
  perspective: 0,
  axis: 0,
  offsetX: 0,
  offsetY: 0,
  blur: 0,
  noise: 0,
  light: 1,
  glare: 0,
  glareX: 0,
  glareY: 0,
  glareRadius: 60,
};

// Card geometry in millimetres (packages/card-sheet/src/index.ts).
const CARD_W = 85.6;
const CARD_H = 54;
const QR_X = 3;
const QR_SIDE = 44;
const QR_Y = (CARD_H - QR_SIDE) / 2;
const QR_CX = QR_X + QR_SIDE / 2;
const QR_CY = QR_Y + QR_SIDE / 2;
const PAPER = 232;
const INK = 28;

/** The QR modules of a text as the card sheet prints it (level M, margin 2): 1 = dark, row by row. */
function cardModules(text: string): { size: number; dark: Uint8Array } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const inner = qr.modules.size;
  const size = inner + 4;
  const dark = new Uint8Array(size * size);
  for (let r = 0; r < inner; r += 1)
    for (let c = 0; c < inner; c += 1) dark[(r + 2) * size + c + 2] = qr.modules.get(r, c) ? 1 : 0;
  return { size, dark };
}

// The alias (large, bold) and three small lines of text to the right of the code: [top, bottom] mm.
const TEXT_LINES: readonly (readonly [number, number])[] = [
  [10, 16],
  [20, 23],
  [26, 28.5],
  [31, 33],
];

/** Ink on the card at (x, y) mm, or -1 off the card. */
function cardInk(modules: ReturnType<typeof cardModules>, x: number, y: number): number {
  if (x < 0 || y < 0 || x >= CARD_W || y >= CARD_H) return -1;
  const moduleMm = QR_SIDE / modules.size;
  const col = Math.floor((x - QR_X) / moduleMm);
  const row = Math.floor((y - QR_Y) / moduleMm);
  if (row >= 0 && col >= 0 && row < modules.size && col < modules.size)
    return modules.dark[row * modules.size + col] ? INK : PAPER;
  if (x >= 50 && x < 82)
    for (const [top, bottom] of TEXT_LINES) {
      // "Letters": bars with a gap every fourth step.
      if (y >= top && y < bottom && Math.floor((x - 50) / (bottom - top)) % 4 !== 3)
        return top === 10 ? INK : 90;
    }
  return PAPER;
}

/** A soft, varied backdrop: a visitor's clothes or the room behind the card. */
function backdrop(random: () => number): (x: number, y: number) => number {
  const waves = Array.from({ length: 4 }, () => ({
    fx: between(random, 0.002, 0.02),
    fy: between(random, 0.002, 0.02),
    phase: between(random, 0, Math.PI * 2),
    amplitude: between(random, 10, 30),
  }));
  const base = between(random, 60, 140);
  return (x, y) => {
    let v = base;
    for (const w of waves) v += w.amplitude * Math.sin(w.fx * x + w.fy * y + w.phase);
    return v;
  };
}

/** The corners of the card, in image pixels, for the given pose. */
function cardCorners(c: PhotoConditions): { x: number; y: number }[] {
  const scale = c.cardWidth / CARD_W;
  const tilt = (c.tilt * Math.PI) / 180;
  const turn = (c.perspective * Math.PI) / 180;
  // Axis of the out-of-plane turn, a unit vector in the card plane; Rodrigues' rotation of each corner.
  const ax = Math.cos(c.axis);
  const ay = Math.sin(c.axis);
  const focal = 700; // px: a typical 640x480 webcam (about 50° horizontal field of view)
  const distance = focal; // the card's centre sits where the scale above holds
  const centre = { x: PHOTO_WIDTH / 2 + c.offsetX, y: PHOTO_HEIGHT / 2 + c.offsetY };
  return [
    [0, 0],
    [CARD_W, 0],
    [CARD_W, CARD_H],
    [0, CARD_H],
  ].map(([mx, my]) => {
    // Card coordinates centred on the code, in px at the nominal scale, rotated in plane.
    const px = ((mx as number) - QR_CX) * scale;
    const py = ((my as number) - QR_CY) * scale;
    const x = px * Math.cos(tilt) - py * Math.sin(tilt);
    const y = px * Math.sin(tilt) + py * Math.cos(tilt);
    // Rotate (x, y, 0) about (ax, ay, 0) by `turn`.
    const dot = ax * x + ay * y;
    const cos = Math.cos(turn);
    const sin = Math.sin(turn);
    const rx = x * cos + ax * dot * (1 - cos);
    const ry = y * cos + ay * dot * (1 - cos);
    const rz = (ax * y - ay * x) * sin;
    const depth = distance + rz;
    return { x: centre.x + (rx * focal) / depth, y: centre.y + (ry * focal) / depth };
  });
}

/** Gaussian blur approximated by three box blurs (each of the radius giving the same variance). */
function gaussianBlur(frame: GrayFrame, sigma: number): GrayFrame {
  if (sigma < 0.3) return frame;
  const radius = Math.max(1, Math.round((Math.sqrt(4 * sigma * sigma + 1) - 1) / 2));
  let out = frame;
  for (let i = 0; i < 3; i += 1) out = boxBlur(out, radius);
  return out;
}

/** Renders one photo of a card holding `text`. Deterministic for a given `random`. */
export function renderCardPhoto(text: string, conditions: PhotoConditions, random: () => number): GrayFrame {
  const modules = cardModules(text);
  const corners = cardCorners(conditions);
  const toCard = invertHomography(
    homographyFromPoints(
      [
        { x: 0, y: 0 },
        { x: CARD_W, y: 0 },
        { x: CARD_W, y: CARD_H },
        { x: 0, y: CARD_H },
      ],
      corners,
    ),
  );
  const background = backdrop(random);
  const qrCentre = { x: PHOTO_WIDTH / 2 + conditions.offsetX, y: PHOTO_HEIGHT / 2 + conditions.offsetY };
  const glareCx = qrCentre.x + conditions.glareX;
  const glareCy = qrCentre.y + conditions.glareY;
  const scene = new Float32Array(PHOTO_WIDTH * PHOTO_HEIGHT);
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toCard;
  // 2x2 supersampling: module edges land between pixels like they do through a lens.
  const offsets = [0.25, 0.75];
  for (let y = 0; y < PHOTO_HEIGHT; y += 1) {
    for (let x = 0; x < PHOTO_WIDTH; x += 1) {
      let sum = 0;
      let off = 0;
      for (const oy of offsets)
        for (const ox of offsets) {
          const sx = x + ox;
          const sy = y + oy;
          const w = h6 * sx + h7 * sy + h8;
          const ink = cardInk(modules, (h0 * sx + h1 * sy + h2) / w, (h3 * sx + h4 * sy + h5) / w);
          if (ink < 0) off += 1;
          else sum += ink;
        }
      if (off > 0) sum += off * background(x, y);
      let v = sum / 4;
      // Exposure with a slight vignette, then the reflection on top (a glare washes ink out).
      const dx = (x - PHOTO_WIDTH / 2) / PHOTO_WIDTH;
      const dy = (y - PHOTO_HEIGHT / 2) / PHOTO_HEIGHT;
      v *= conditions.light * (1 - 0.5 * (dx * dx + dy * dy));
      if (conditions.glare > 0) {
        const gx = x - glareCx;
        const gy = y - glareCy;
        v +=
          255 *
          conditions.glare *
          Math.exp(-(gx * gx + gy * gy) / (conditions.glareRadius * conditions.glareRadius));
      }
      scene[y * PHOTO_WIDTH + x] = v;
    }
  }
  const clipped = new Uint8Array(scene.length);
  for (let i = 0; i < scene.length; i += 1)
    clipped[i] = Math.max(0, Math.min(255, Math.round(scene[i] as number)));
  const blurred = gaussianBlur({ width: PHOTO_WIDTH, height: PHOTO_HEIGHT, data: clipped }, conditions.blur);
  if (conditions.noise <= 0) return blurred;
  const noisy = new Uint8Array(blurred.data.length);
  for (let i = 0; i < noisy.length; i += 1)
    noisy[i] = Math.max(
      0,
      Math.min(255, Math.round((blurred.data[i] as number) + conditions.noise * gaussian(random))),
    );
  return { width: PHOTO_WIDTH, height: PHOTO_HEIGHT, data: noisy };
}
