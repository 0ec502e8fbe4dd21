import { describe, expect, it } from 'vitest';
import { rotationInterval } from './rotation-interval';

describe('the info screens rotation interval', () => {
  it('is 8 s, 16 s in the accessibility mode, unless the page address sets a sane one', () => {
    expect(rotationInterval(false, '')).toBe(8_000);
    expect(rotationInterval(true, '')).toBe(16_000);
    expect(rotationInterval(false, '?rotationMs=200')).toBe(200);
    expect(rotationInterval(true, '?rotationMs=10')).toBe(16_000);
    expect(rotationInterval(false, '?rotationMs=abc')).toBe(8_000);
  });
});
