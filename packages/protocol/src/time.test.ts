import { ROME_2026_CLOCK_CHANGE_DAYS } from '@vigevano/testkit/clock-changes';
import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  atLocalTime,
  localClock,
  localDate,
  startOfLocalDay,
  startOfLocalWeek,
  timeZoneOffset,
} from './time';

const rome = 'Europe/Rome';

describe('local calendar in Rome', () => {
  it('knows winter and summer offsets', () => {
    expect(timeZoneOffset(rome, Date.parse('2026-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(timeZoneOffset(rome, Date.parse('2026-07-15T12:00:00Z'))).toBe(7_200_000);
  });

  it('starts the day at local midnight, also late in the evening UTC', () => {
    expect(startOfLocalDay(rome, Date.parse('2026-11-26T23:30:00Z'))).toBe(
      Date.parse('2026-11-26T23:00:00Z'),
    );
    expect(startOfLocalDay(rome, Date.parse('2026-11-26T10:00:00Z'))).toBe(
      Date.parse('2026-11-25T23:00:00Z'),
    );
    expect(localDate(rome, Date.parse('2026-11-26T23:30:00Z'))).toEqual({ date: '2026-11-27', weekday: 5 });
  });

  it('handles the daylight-saving change days (23 and 25 hour days)', () => {
    // 2026-03-29: clocks go forward at 02:00 in Rome.
    const springDay = startOfLocalDay(rome, Date.parse('2026-03-29T12:00:00Z'));
    expect(springDay).toBe(Date.parse('2026-03-28T23:00:00Z'));
    expect(addLocalDays(rome, springDay, 1) - springDay).toBe(23 * 3_600_000);
    // 2026-10-25: clocks go back.
    const autumnDay = startOfLocalDay(rome, Date.parse('2026-10-25T12:00:00Z'));
    expect(autumnDay).toBe(Date.parse('2026-10-24T22:00:00Z'));
    expect(addLocalDays(rome, autumnDay, 1) - autumnDay).toBe(25 * 3_600_000);
  });

  it('starts the week on Monday', () => {
    // Thursday 26 November 2026 → Monday 23 November, local midnight.
    expect(startOfLocalWeek(rome, Date.parse('2026-11-26T15:00:00Z'))).toBe(
      Date.parse('2026-11-22T23:00:00Z'),
    );
    // A Sunday belongs to the week that started six days before.
    expect(startOfLocalWeek(rome, Date.parse('2026-11-29T15:00:00Z'))).toBe(
      Date.parse('2026-11-22T23:00:00Z'),
    );
  });
});

describe('wall-clock times on the days the clocks change', () => {
  // Rome, 2026: 29 March 02:00→03:00 (23-hour day), 25 October 03:00→02:00 (25-hour day).
  const romeDays = ROME_2026_CLOCK_CHANGE_DAYS;

  it.each(romeDays)(
    '%s in Rome: 19:00 is 19:00 local, "today" runs from local midnight to the next',
    (day, midnightOffset, eveningOffset) => {
      const noon = Date.parse(`${day}T12:00:00${eveningOffset}`);
      expect(atLocalTime(rome, noon, '19:00')).toBe(Date.parse(`${day}T19:00:00${eveningOffset}`));
      expect(atLocalTime(rome, noon, '09:30')).toBe(Date.parse(`${day}T09:30:00${eveningOffset}`));
      expect(startOfLocalDay(rome, noon)).toBe(Date.parse(`${day}T00:00:00${midnightOffset}`));
      expect(localClock(rome, atLocalTime(rome, noon, '19:00'))).toMatchObject({
        date: day,
        hour: 19,
        minute: 0,
        time: '19:00',
      });
      // Just before local midnight at the end of the day is still that day; just after is the next.
      const next = addLocalDays(rome, noon, 1);
      expect(localDate(rome, next - 1).date).toBe(day);
      expect(localDate(rome, next).date).not.toBe(day);
      expect(localClock(rome, next)).toMatchObject({ hour: 0, minute: 0 });
    },
  );

  it('gives the hours of the 23- and 25-hour days', () => {
    const hoursOf = (day: string) => {
      const start = startOfLocalDay(rome, Date.parse(`${day}T12:00:00Z`));
      return (addLocalDays(rome, start, 1) - start) / 3_600_000;
    };
    expect(['2026-03-28', '2026-03-29', '2026-03-30'].map(hoursOf)).toEqual([24, 23, 24]);
    expect(['2026-10-24', '2026-10-25', '2026-10-26'].map(hoursOf)).toEqual([24, 25, 24]);
  });

  it('reads the local clock through the changes, the repeated hour twice', () => {
    expect(localClock(rome, Date.parse('2026-03-29T00:59:00Z')).time).toBe('01:59');
    expect(localClock(rome, Date.parse('2026-03-29T01:00:00Z')).time).toBe('03:00');
    expect(localClock(rome, Date.parse('2026-10-25T00:30:00Z')).time).toBe('02:30');
    expect(localClock(rome, Date.parse('2026-10-25T01:30:00Z')).time).toBe('02:30');
    expect(localClock(rome, Date.parse('2026-10-25T02:30:00Z')).time).toBe('03:30');
  });

  it('resolves a skipped time forward and a repeated time to its later occurrence, whatever the start', () => {
    expect(atLocalTime(rome, Date.parse('2026-03-29T10:00:00Z'), '02:30')).toBe(
      Date.parse('2026-03-29T03:30:00+02:00'),
    );
    const repeated = Date.parse('2026-10-25T02:30:00+01:00');
    expect(atLocalTime(rome, Date.parse('2026-10-24T22:30:00Z'), '02:30')).toBe(repeated);
    expect(atLocalTime(rome, Date.parse('2026-10-25T20:00:00Z'), '02:30')).toBe(repeated);
  });

  it('takes 24:00 as the end of the local day and refuses what is not a time of day', () => {
    const noon = Date.parse('2026-10-25T12:00:00Z');
    expect(atLocalTime(rome, noon, '24:00')).toBe(addLocalDays(rome, noon, 1));
    for (const bad of ['24:30', '25:00', '19:60', '7:00', '19.00', ''])
      expect(() => atLocalTime(rome, noon, bad)).toThrow(RangeError);
    expect(() => localClock('Europe/Vigevano', noon)).toThrow(/Europe\/Vigevano/);
  });

  it("honours the hub's own zone: New York changes on 8 March and 1 November 2026", () => {
    const ny = 'America/New_York';
    // 8 March 2026: 02:00→03:00 in New York, while Rome is still on winter time.
    const march8 = Date.parse('2026-03-08T12:00:00-04:00');
    expect(atLocalTime(ny, march8, '19:00')).toBe(Date.parse('2026-03-08T19:00:00-04:00'));
    expect(startOfLocalDay(ny, march8)).toBe(Date.parse('2026-03-08T00:00:00-05:00'));
    expect(addLocalDays(ny, march8, 1) - startOfLocalDay(ny, march8)).toBe(23 * 3_600_000);
    expect(atLocalTime(ny, Date.parse('2026-03-07T12:00:00-05:00'), '19:00')).toBe(
      Date.parse('2026-03-07T19:00:00-05:00'),
    );
    // 1 November 2026: 02:00→01:00.
    const november1 = Date.parse('2026-11-01T12:00:00-05:00');
    expect(atLocalTime(ny, november1, '19:00')).toBe(Date.parse('2026-11-01T19:00:00-05:00'));
    expect(addLocalDays(ny, november1, 1) - startOfLocalDay(ny, november1)).toBe(25 * 3_600_000);
    expect(localClock(ny, Date.parse('2026-11-02T00:30:00Z'))).toMatchObject({
      date: '2026-11-01',
      time: '19:30',
    });
    // Rome's change days are ordinary days in New York.
    const romeSpring = Date.parse('2026-03-29T12:00:00-04:00');
    expect(addLocalDays(ny, romeSpring, 1) - startOfLocalDay(ny, romeSpring)).toBe(24 * 3_600_000);
  });
});
