import { describe, expect, it } from 'vitest';
import { isClockSkewed } from './alerts';

describe('kiosk clock skew flag', () => {
  it('flags clocks more than five minutes off either way, not small drifts or unknown offsets', () => {
    expect(isClockSkewed(2 * 86_400_000)).toBe(true);
    expect(isClockSkewed(-3 * 86_400_000)).toBe(true);
    expect(isClockSkewed(5 * 60_000 + 1)).toBe(true);
    expect(isClockSkewed(90_000)).toBe(false);
    expect(isClockSkewed(-90_000)).toBe(false);
    expect(isClockSkewed(null)).toBe(false);
  });
});
