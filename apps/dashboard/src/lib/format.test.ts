import { describe, expect, it } from 'vitest';
import { daysAgo, localDay } from './format';

describe("the city's calendar days in the dashboard", () => {
  it('counts days back in calendar days, also across the 23- and 25-hour days of 2026', () => {
    // 00:30 on Monday 30 March: 24 hours earlier is still Saturday 28 March (29 March had 23 hours).
    const afterSpring = Date.parse('2026-03-30T00:30:00+02:00');
    expect(daysAgo(1, afterSpring)).toBe('2026-03-29');
    expect(daysAgo(2, afterSpring)).toBe('2026-03-28');
    expect(daysAgo(0, afterSpring)).toBe('2026-03-30');
    // 23:30 on Sunday 25 October, a 25-hour day: yesterday is Saturday 24.
    const autumnEvening = Date.parse('2026-10-25T23:30:00+01:00');
    expect(daysAgo(1, autumnEvening)).toBe('2026-10-24');
    expect(daysAgo(1, Date.parse('2026-10-26T00:30:00+01:00'))).toBe('2026-10-25');
    expect(daysAgo(7, Date.parse('2026-10-26T00:30:00+01:00'))).toBe('2026-10-19');
  });

  it('reads the day in Rome, whatever the browser zone', () => {
    expect(localDay(Date.parse('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
    expect(localDay(Date.parse('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(localDay(Date.parse('2026-03-28T22:59:00Z'))).toBe('2026-03-28');
  });
});
