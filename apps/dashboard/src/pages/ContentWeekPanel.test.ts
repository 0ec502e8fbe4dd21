import { describe, expect, it } from 'vitest';
import { hourBands } from './ContentWeekPanel';

/** A week of 7 days whose hours play what `plays(day, hour)` says. */
const week = (plays: (day: number, hour: number) => string[]) => ({
  days: Array.from({ length: 7 }, (_, day) => ({
    date: `2026-11-${23 + day}`,
    weekday: (day + 1) % 7,
    hours: Array.from({ length: 24 }, (_, hour) => ({ hour, contentIds: plays(day, hour) })),
  })),
});

describe('week calendar rows', () => {
  it('joins consecutive hours that play the same on every day, and leaves out idle hours', () => {
    const bands = hourBands(
      week((day, hour) => (hour >= 8 && hour < 20 ? (day === 2 && hour >= 18 ? ['A', 'B'] : ['A']) : [])),
    );
    expect(bands).toEqual([
      { from: 8, to: 18 },
      { from: 18, to: 20 },
    ]);
  });

  it('has no rows for a week with nothing to play, one for a week of the same items all day', () => {
    expect(hourBands(week(() => []))).toEqual([]);
    expect(hourBands(week(() => ['A']))).toEqual([{ from: 0, to: 24 }]);
  });

  it('does not join hours across an idle hour', () => {
    expect(hourBands(week((_d, hour) => (hour === 9 || hour === 11 ? ['A'] : [])))).toEqual([
      { from: 9, to: 10 },
      { from: 11, to: 12 },
    ]);
  });
});
