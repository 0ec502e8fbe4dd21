import { describe, expect, it } from 'vitest';
import type { FinderPattern } from './finder-patterns';
import { findFinderPatterns } from './finder-patterns';
import { GuidanceThrottle } from './guidance-throttle';
import { cropFrame } from './preprocess';
import { type ScanGuidance, type Sighting, scanGuidance } from './scan-guidance';
import { scanRegion } from './scan-region';
import { type PhotoConditions, renderCardPhoto, SHARP_CONDITIONS } from './testing/card-photo';
import { seededRandom } from './testing/random';

/** Three finders of a code whose top-left finder centre is at (x, y), `span` px between centres, `module` px. */
function code(x: number, y: number, span: number, module: number): FinderPattern[] {
  return [
    { x, y, module },
    { x: x + span, y, module },
    { x, y: y + span, module },
  ];
}
const frame = (finders: FinderPattern[]): Sighting => ({ width: 336, height: 336, finders });

describe('scanGuidance', () => {
  const cases: Array<[string, Sighting, Sighting | null, ScanGuidance | null]> = [
    ['nothing in sight', frame([]), null, null],
    ['one stray finder-like mark', frame([{ x: 100, y: 100, module: 4 }]), null, null],
    [
      'a large code, fully in the frame, steady',
      frame(code(90, 90, 160, 4)),
      frame(code(91, 90, 160, 4)),
      null,
    ],
    ['the first sighting of a large code', frame(code(90, 90, 160, 4)), null, null],
    ['a finder at the left edge', frame(code(10, 90, 160, 4)), null, 'frame'],
    ['a finder at the bottom edge', frame(code(90, 170, 160, 4)), null, 'frame'],
    [
      'two finders: the third is out of the frame',
      frame(
        code(200, 90, 160, 4)
          .slice(0, 1)
          .concat(code(200, 90, 160, 4).slice(2)),
      ),
      null,
      'frame',
    ],
    ['modules of 1.6 px', frame(code(140, 140, 60, 1.6)), null, 'closer'],
    ['a code a fifth of the frame', frame(code(140, 140, 45, 3)), null, 'closer'],
    ['cut off and small: the frame first', frame(code(3, 140, 60, 1.6)), null, 'frame'],
    [
      'moved 3 modules since the last frame',
      frame(code(90, 90, 160, 4)),
      frame(code(102, 90, 160, 4)),
      'still',
    ],
    ['moved, but only one module', frame(code(90, 90, 160, 4)), frame(code(94, 90, 160, 4)), null],
    ['finders too close together to be one code', frame(code(150, 150, 20, 4)), null, null],
    [
      'a stray mark of another size is ignored',
      frame([...code(90, 90, 160, 4), { x: 300, y: 300, module: 12 }]),
      null,
      null,
    ],
  ];
  it.each(cases)('%s', (_label, now, before, expected) => {
    expect(scanGuidance(now, before)).toBe(expected);
  });
});

describe('findFinderPatterns + scanGuidance on card photos, cropped to the scan frame as the kiosk does', () => {
  const token = `v1.${'01HZY3K4M5N6P7Q8R9S0T1V2W3'}.${'s'.repeat(96)}`;
  const sighting = (conditions: Partial<PhotoConditions>): Sighting => {
    const photo = renderCardPhoto(token, { ...SHARP_CONDITIONS, ...conditions }, seededRandom(7));
    const crop = cropFrame(photo, scanRegion(photo.width, photo.height, 0.7));
    return { width: crop.width, height: crop.height, finders: findFinderPatterns(crop) };
  };

  it('finds the three finders of a sharp card', () => {
    expect(sighting({}).finders).toHaveLength(3);
  });
  it.each<[string, Partial<PhotoConditions>, ScanGuidance | null]>([
    ['a card held well', {}, null],
    ['a card half out of the frame', { offsetX: 170 }, 'frame'],
    ['a card far away', { cardWidth: 150 }, 'closer'],
    ['a tilted card in dim light', { tilt: 20, perspective: 30, light: 0.4, noise: 6 }, null],
  ])('%s', (_label, conditions, expected) => {
    expect(scanGuidance(sighting(conditions), null)).toBe(expected);
  });
  it('sees a card moving between two frames', () => {
    expect(scanGuidance(sighting({ offsetX: 20 }), sighting({ offsetX: -20 }))).toBe('still');
  });
});

describe('GuidanceThrottle', () => {
  it('shows a hint only once suggested twice in a row', () => {
    const t = new GuidanceThrottle(2, 1500);
    expect(t.update('frame', 0)).toBeNull();
    expect(t.update('closer', 100)).toBeNull();
    expect(t.update('closer', 200)).toBe('closer');
  });
  it('keeps a hint through gaps shorter than the hold, then drops it', () => {
    const t = new GuidanceThrottle(2, 1500);
    t.update('frame', 0);
    expect(t.update('frame', 100)).toBe('frame');
    expect(t.update(null, 200)).toBe('frame');
    expect(t.update(null, 1500)).toBe('frame');
    expect(t.update(null, 1600)).toBeNull();
  });
  it('does not switch to another hint until the first was held', () => {
    const t = new GuidanceThrottle(2, 1500);
    t.update('frame', 0);
    t.update('frame', 100);
    expect(t.update('still', 200)).toBe('frame');
    expect(t.update('still', 300)).toBe('frame');
    expect(t.update('still', 1700)).toBe('still');
  });
  it('clears at once when a code is read', () => {
    const t = new GuidanceThrottle(2, 1500);
    t.update('closer', 0);
    t.update('closer', 100);
    t.clear();
    expect(t.update(null, 150)).toBeNull();
    expect(t.update('closer', 200)).toBeNull();
  });
  it('refuses nonsense settings', () => {
    expect(() => new GuidanceThrottle(0, 100)).toThrow(RangeError);
  });
});
