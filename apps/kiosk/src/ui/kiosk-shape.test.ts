import { describe, expect, it } from 'vitest';
import { COMPACT_BELOW, type KioskShape, kioskShape } from './kiosk-shape';

describe('kioskShape', () => {
  it.each<[number, number, KioskShape]>([
    [1080, 1920, 'portrait'],
    [768, 1366, 'portrait'],
    [1920, 1080, 'landscape'],
    [2560, 1440, 'landscape'],
    [1366, 768, 'compact'],
    [1280, 800, 'compact'],
    [1024, 768, 'compact'],
    [1000, 1000, 'landscape'],
    [1600, COMPACT_BELOW, 'landscape'],
    [1600, COMPACT_BELOW - 1, 'compact'],
  ])('%i x %i is %s', (width, height, shape) => {
    expect(kioskShape(width, height)).toBe(shape);
  });
  it('refuses a viewport with no size', () => {
    expect(() => kioskShape(0, 800)).toThrow(RangeError);
    expect(() => kioskShape(1280, Number.NaN)).toThrow(RangeError);
  });
});
