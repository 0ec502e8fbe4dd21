import { describe, expect, it } from 'vitest';
import { cityInstant, cityLocalInput } from './notice-times';

describe('notice times on the city clock', () => {
  it('reads a datetime-local value as Rome time, winter and summer', () => {
    expect(cityInstant('2026-11-26T10:30')).toBe(Date.parse('2026-11-26T09:30:00Z'));
    expect(cityInstant('2026-07-01T10:30')).toBe(Date.parse('2026-07-01T08:30:00Z'));
    expect(cityLocalInput(Date.parse('2026-07-01T08:30:00Z'))).toBe('2026-07-01T10:30');
  });

  it('gives nothing for an empty or malformed value', () => {
    expect(cityInstant('')).toBeUndefined();
    expect(cityInstant('2026-11-26 10:30')).toBeUndefined();
  });
});
