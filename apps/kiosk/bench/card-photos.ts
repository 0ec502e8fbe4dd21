import { encodeCardToken, generateKeyPair } from '@vigevano/protocol';
import type { GrayFrame } from '../src/ui/scanner/gray-frame';
import { cropFrame } from '../src/ui/scanner/preprocess';
import { scanRegion } from '../src/ui/scanner/scan-region';
import { renderCardPhoto } from '../src/ui/scanner/testing/card-photo';
import { seededRandom } from '../src/ui/scanner/testing/random';
import {
  CONDITIONS,
  type Condition,
  conditionsFor,
  type Level,
  randomCard,
} from '../src/ui/scanner/testing/scenarios';

/** The scan frame ScannerView uses by default: the worker only ever sees this crop of the camera image. */
export const SCAN_FRAME_FRACTION = 0.7;

export interface PhotoCase {
  condition: Condition;
  level: Level;
  expected: string;
  /** the scan-frame crop of the 640x480 photo, as the worker receives it */
  frame: GrayFrame;
}

/**
 * `perCondition` photos of freshly signed cards for every condition at both levels, deterministic for a seed
 * (the signing key is random, so tokens differ between runs, but poses and defects do not).
 */
export function* cardPhotoCases(perCondition: number, seed: number): Generator<PhotoCase> {
  const issuer = generateKeyPair();
  for (const level of ['moderate', 'hard'] as const) {
    for (const condition of CONDITIONS) {
      const random = seededRandom(seed + CONDITIONS.indexOf(condition) * 1000 + (level === 'hard' ? 500 : 0));
      for (let i = 0; i < perCondition; i += 1) {
        const expected = encodeCardToken(randomCard(random), issuer);
        const photo = renderCardPhoto(expected, conditionsFor(condition, level, random), random);
        const frame = cropFrame(photo, scanRegion(photo.width, photo.height, SCAN_FRAME_FRACTION));
        yield { condition, level, expected, frame };
      }
    }
  }
}
