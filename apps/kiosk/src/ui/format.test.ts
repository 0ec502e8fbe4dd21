import { describe, expect, it } from 'vitest';
import { formatDate, formatTime } from './format';

// Monday 7 December 2026, 09:05 in Rome (08:05 UTC).
const MOMENT = Date.UTC(2026, 11, 7, 8, 5);
const ROME = 'Europe/Rome';

describe('dates and times in the visit language', () => {
  it('writes the weekday and month in the language asked for, Italian by default', () => {
    expect(formatDate(MOMENT, ROME)).toBe('lunedì 7 dicembre');
    expect(formatDate(MOMENT, ROME, 'en')).toBe('Monday 7 December');
    expect(formatDate(MOMENT, ROME, 'uk')).toMatch(/понеділок/);
    expect(formatDate(MOMENT, ROME, 'zh')).toMatch(/星期一/);
    expect(formatDate(MOMENT, ROME, 'ar')).toMatch(/الاثنين/);
  });

  it('keeps the 24-hour clock of the hub timetable in every language', () => {
    expect(formatTime(MOMENT, ROME)).toBe('09:05');
    expect(formatTime(MOMENT, ROME, 'en')).toBe('09:05');
    expect(formatTime(MOMENT + 12 * 3_600_000, ROME, 'zh')).toBe('21:05');
  });
});
