import { describe, expect, it } from 'vitest';
import { closingTimeOn } from './closing-time';

const hub = {
  timezone: 'Europe/Rome',
  openingHours: [
    { day: 4, open: '09:00', close: '13:00' },
    { day: 4, open: '14:00', close: '19:00' },
    { day: 6, open: '09:00', close: '12:30' },
  ],
};

describe('closing time', () => {
  it("is the day's latest closing hour, in the hub's time zone", () => {
    // Thursday 26 November 2026: closes 19:00 Rome = 18:00 UTC.
    expect(closingTimeOn(hub, Date.parse('2026-11-26T10:00:00Z'))).toBe(Date.parse('2026-11-26T18:00:00Z'));
    expect(closingTimeOn(hub, Date.parse('2026-11-28T08:00:00Z'))).toBe(Date.parse('2026-11-28T11:30:00Z'));
  });

  it('is undefined on a day the hub does not open', () => {
    expect(closingTimeOn(hub, Date.parse('2026-11-29T10:00:00Z'))).toBeUndefined();
  });
});
