import { describe, expect, it } from 'vitest';
import { addLocalDays, localDate, startOfLocalDay, startOfLocalWeek, timeZoneOffset } from './time';

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
