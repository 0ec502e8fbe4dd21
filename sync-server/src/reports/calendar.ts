import { CITY_TIME_ZONE, localClock, timeZoneOffset } from '@vigevano/protocol';

// Report calendar: every check-in is filed under the city's local day (Europe/Rome), its week (the Monday's day)
// and its month, as strings that sort the same way on SQLite and PostgreSQL. Where an instant falls on the wall
// clock comes from packages/protocol's time module (Luxon); after that, the days are plain calendar dates with no
// time of day, so the arithmetic below on them (in UTC, which has no daylight saving) is exact every day.

export interface LocalTime {
  day: string;
  week: string;
  month: string;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  hour: number;
}

const HOUR_MS = 3_600_000;
/** Local day and hour of each UTC hour seen, for the projections that file thousands of check-ins at a time. */
const byUtcHour = new Map<number, LocalTime>();
const MAX_CACHED_HOURS = 50_000;

/** Where instant `at` (ms since the epoch) falls in the city's calendar. */
export function localTime(at: number): LocalTime {
  const utcHour = Math.floor(at / HOUR_MS);
  const cached = byUtcHour.get(utcHour);
  if (cached) return { ...cached };
  const { date: day, weekday, hour } = localClock(CITY_TIME_ZONE, at);
  const weekdayFromMonday = (weekday + 6) % 7;
  const t = {
    day,
    week: addDays(day, -weekdayFromMonday),
    month: monthOf(day),
    weekday: weekdayFromMonday,
    hour,
  };
  // Every instant of this UTC hour has the same local day and hour when the offset is whole hours and does not
  // change within the hour (Rome: +1 h or +2 h, changing exactly at 01:00 UTC).
  const offset = timeZoneOffset(CITY_TIME_ZONE, utcHour * HOUR_MS);
  if (offset % HOUR_MS === 0 && timeZoneOffset(CITY_TIME_ZONE, (utcHour + 1) * HOUR_MS - 1) === offset) {
    if (byUtcHour.size >= MAX_CACHED_HOURS) byUtcHour.clear();
    byUtcHour.set(utcHour, t);
  }
  return { ...t };
}

const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 0 = Monday … 6 = Sunday */
export function weekdayOf(day: string): number {
  return (new Date(toUtc(day)).getUTCDay() + 6) % 7;
}

export function addDays(day: string, days: number): string {
  return fromUtc(toUtc(day) + days * 86_400_000);
}

export function weekOf(day: string): string {
  return addDays(day, -weekdayOf(day));
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function yearOf(day: string): string {
  return day.slice(0, 4);
}

/** Whether `day` is a real calendar day (a pattern check lets 2026-02-31 through). */
export function isCalendarDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && fromUtc(toUtc(day)) === day;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** The last day of the month `YYYY-MM`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return fromUtc(Date.UTC(y, m, 0));
}

export type PeriodKind = 'd' | 'w' | 'm';

/** The key of the period of `kind` that contains `day`. */
function periodOf(kind: PeriodKind, day: string): string {
  return kind === 'd' ? day : kind === 'w' ? weekOf(day) : monthOf(day);
}

/** Every period key of `kind` from the one containing `from` to the one containing `to`. */
export function periodsBetween(kind: PeriodKind, from: string, to: string): string[] {
  const out: string[] = [];
  if (kind === 'm') {
    let [y, m] = monthOf(from).split('-').map(Number) as [number, number];
    const last = monthOf(to);
    for (;;) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      if (key > last) break;
      out.push(key);
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
    return out;
  }
  const step = kind === 'd' ? 1 : 7;
  for (let d = periodOf(kind, from); d <= to; d = addDays(d, step)) out.push(d);
  return out;
}
