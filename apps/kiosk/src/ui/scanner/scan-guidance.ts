import type { FinderPattern } from './finder-patterns';

/**
 * What the visitor is told while a code is seen but not read: bring the whole card into the frame, move it
 * closer, or hold it still. Each key names a visitor-facing string in resources/translations (ui.guide…).
 */
export type ScanGuidance = 'frame' | 'closer' | 'still';

/** The translation key (namespace ui) of each guidance. */
export const GUIDANCE_TEXT_KEYS: Readonly<Record<ScanGuidance, string>> = {
  frame: 'guideFrame',
  closer: 'guideCloser',
  still: 'guideStill',
};

/** The finder patterns seen in one decoded crop that gave no text, and that crop's size (px). */
export interface Sighting {
  width: number;
  height: number;
  finders: readonly FinderPattern[];
}

/**
 * The thresholds, in modules (the side of one QR cell) or as shares of the crop's shorter side:
 * - `edgeModules`: a finder's centre this close to the crop's edge is cut off (3.5 modules of finder, 1 of margin);
 * - `minModule`: below this many px per module the decoders seldom read a camera's code (see bench:scan's
 *   "small" photos);
 * - `minCodeShare`: a code narrower than this share of the frame is far away, whatever its version;
 * - `motionModules`: finders that moved this far between two analysed frames (100 to 200 ms apart) blur.
 */
const GUIDANCE_LIMITS = { edgeModules: 4.5, minModule: 2.5, minCodeShare: 0.3, motionModules: 1.5 };

/** Finder patterns of one code: as large as each other, and at least a version-1 code's spacing apart. */
interface SeenCode {
  finders: FinderPattern[];
  module: number;
  /** the code's side, estimated from the finders' spacing plus one finder's width (px) */
  side: number;
  centre: { x: number; y: number };
}

/**
 * The guidance for one crop that a scan did not read, or null when there is nothing useful to say (no code in
 * sight, or a code fully in sight, large and steady that the thorough passes are still working on). `before` is
 * the previous analysed crop, for motion. Checked in this order, because each fix makes the next one possible:
 * part of the code out of the frame (or only two finders seen) → 'frame'; too small → 'closer'; moving → 'still'.
 */
export function scanGuidance(now: Sighting, before: Sighting | null): ScanGuidance | null {
  const code = seenCode(now.finders);
  if (!code) return null;
  const margin = GUIDANCE_LIMITS.edgeModules * code.module;
  const cut = code.finders.some(
    (f) => f.x < margin || f.y < margin || f.x > now.width - margin || f.y > now.height - margin,
  );
  if (cut || code.finders.length < 3) return 'frame';
  if (
    code.module < GUIDANCE_LIMITS.minModule ||
    code.side < GUIDANCE_LIMITS.minCodeShare * Math.min(now.width, now.height)
  )
    return 'closer';
  const previous = before ? seenCode(before.finders) : null;
  if (
    previous &&
    Math.hypot(code.centre.x - previous.centre.x, code.centre.y - previous.centre.y) >
      GUIDANCE_LIMITS.motionModules * code.module
  )
    return 'still';
  return null;
}

/** The (up to) three finders whose module sizes agree best, if at least two do; null otherwise. */
function seenCode(all: readonly FinderPattern[]): SeenCode | null {
  if (all.length < 2) return null;
  const sizes = all.map((f) => f.module).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] as number;
  const finders = all
    .filter((f) => f.module < median * 1.5 && f.module > median / 1.5)
    .sort((a, b) => Math.abs(a.module - median) - Math.abs(b.module - median))
    .slice(0, 3);
  if (finders.length < 2) return null;
  const module = finders.reduce((s, f) => s + f.module, 0) / finders.length;
  const distances: number[] = [];
  for (let i = 0; i < finders.length; i += 1)
    for (let j = i + 1; j < finders.length; j += 1) {
      const a = finders[i] as FinderPattern;
      const b = finders[j] as FinderPattern;
      distances.push(Math.hypot(a.x - b.x, a.y - b.y));
    }
  const nearest = Math.min(...distances);
  // In a version-1 code the finders' centres are 14 modules apart; closer ones are not finders of one code.
  if (nearest < 12 * module) return null;
  return {
    finders,
    module,
    side: nearest + 7 * module,
    centre: {
      x: finders.reduce((s, f) => s + f.x, 0) / finders.length,
      y: finders.reduce((s, f) => s + f.y, 0) / finders.length,
    },
  };
}
