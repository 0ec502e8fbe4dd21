import { ROME_2026_CLOCK_CHANGE_DAYS } from '@vigevano/testkit/clock-changes';
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

  it('is the wall-clock closing hour on the days the clocks change and the days around them', () => {
    // Open every day until 19:00 (the field report: Sundays 29 March and 25 October 2026 came out as 20:00, 18:00).
    const daily = {
      timezone: 'Europe/Rome',
      openingHours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '19:00' })),
    };
    const days = ROME_2026_CLOCK_CHANGE_DAYS;
    for (const [day, , offset] of days) {
      // Asked before that day's change (00:30 UTC is 01:30 or 02:30 local), and after it.
      for (const utc of ['00:30', '09:00', '16:30'])
        expect(closingTimeOn(daily, Date.parse(`${day}T${utc}:00Z`))).toBe(
          Date.parse(`${day}T19:00:00${offset}`),
        );
    }
  });

  it("opens on the hub's own weekday from local midnight to the next, on the change days", () => {
    const sundays = (timezone: string) => ({
      timezone,
      openingHours: [{ day: 0, open: '09:00', close: '19:00' }],
    });
    const rome = sundays('Europe/Rome');
    for (const [saturdayLate, sundayEarly, sundayLate, mondayEarly, closes] of [
      [
        '2026-03-28T23:50:00+01:00',
        '2026-03-29T00:10:00+01:00',
        '2026-03-29T23:50:00+02:00',
        '2026-03-30T00:10:00+02:00',
        '2026-03-29T19:00:00+02:00',
      ],
      [
        '2026-10-24T23:50:00+02:00',
        '2026-10-25T00:10:00+02:00',
        '2026-10-25T23:50:00+01:00',
        '2026-10-26T00:10:00+01:00',
        '2026-10-25T19:00:00+01:00',
      ],
    ] as const) {
      expect(closingTimeOn(rome, Date.parse(saturdayLate))).toBeUndefined();
      expect(closingTimeOn(rome, Date.parse(sundayEarly))).toBe(Date.parse(closes));
      expect(closingTimeOn(rome, Date.parse(sundayLate))).toBe(Date.parse(closes));
      expect(closingTimeOn(rome, Date.parse(mondayEarly))).toBeUndefined();
    }
    // 23:30 on Sunday 8 March in New York is already Monday in Rome: the hub's own Sunday counts.
    const newYork = sundays('America/New_York');
    expect(closingTimeOn(newYork, Date.parse('2026-03-08T23:30:00-04:00'))).toBe(
      Date.parse('2026-03-08T19:00:00-04:00'),
    );
    expect(closingTimeOn(rome, Date.parse('2026-03-08T23:30:00-04:00'))).toBeUndefined();
  });
});
