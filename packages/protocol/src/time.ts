import { DateTime } from 'luxon';

// Wall-clock arithmetic in a hub's own time zone (IANA names such as Europe/Rome), so kiosk, server and browser
// agree on what "today", "19:00" and "this week" mean, also on the days the clocks change. Every such computation
// goes through this module, and this module goes through Luxon: it is pure JS on top of Intl (fine for this pure
// package), small, and years old in the field; date-fns-tz needs date-fns on top, and the Temporal polyfill is
// far larger and still tracks a proposal. Never compute local time as "midnight + hours": a day is 23 or 25 hours
// long twice a year (Rome: 29 March 2026 02:00→03:00, 25 October 2026 03:00→02:00).

/** In `timeZone` at instant `ms`; throws a RangeError naming the zone when it is not a known IANA zone. */
function inZone(timeZone: string, ms: number): DateTime<true> {
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  if (!local.isValid)
    throw new RangeError(`unknown time zone "${timeZone}" (${local.invalidExplanation ?? ''})`);
  return local;
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (Rome: +1 h in winter, +2 h in summer). */
export function timeZoneOffset(timeZone: string, ms: number): number {
  return inZone(timeZone, ms).offset * 60_000;
}

/** What a clock on the wall in `timeZone` shows at an instant. */
export interface LocalClock {
  /** Calendar date, YYYY-MM-DD */
  date: string;
  /** 0 = Sunday … 6 = Saturday (as Date.getDay and the hubs' opening hours count) */
  weekday: number;
  /** 0–23; the repeated hour of an autumn change reads the same both times */
  hour: number;
  /** 0–59 */
  minute: number;
  /** HH:mm, 24-hour, zero-padded, so it sorts and compares like the schedules' 'HH:mm' strings */
  time: string;
}

/** The wall clock of `timeZone` at instant `ms` (milliseconds since the Unix epoch). */
export function localClock(timeZone: string, ms: number): LocalClock {
  const { year, month, day, weekday, hour, minute } = inZone(timeZone, ms);
  // Padded by hand: Luxon's toISODate and toFormat parse a format each call, and reports call this per check-in.
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${year}-${pad(month)}-${pad(day)}`,
    weekday: weekday % 7,
    hour,
    minute,
    time: `${pad(hour)}:${pad(minute)}`,
  };
}

/** The local calendar date (YYYY-MM-DD) and weekday (0 = Sunday) of instant `ms` in `timeZone`. */
export function localDate(timeZone: string, ms: number): { date: string; weekday: number } {
  const { date, weekday } = localClock(timeZone, ms);
  return { date, weekday };
}

/** The instant local midnight starts the day that contains `ms`, in `timeZone`. */
export function startOfLocalDay(timeZone: string, ms: number): number {
  return inZone(timeZone, ms).startOf('day').toMillis();
}

/** Local midnight `days` calendar days after the day containing `ms` (negative: before). */
export function addLocalDays(timeZone: string, ms: number, days: number): number {
  return inZone(timeZone, ms).startOf('day').plus({ days }).startOf('day').toMillis();
}

/** Local midnight of the Monday that starts the week containing `ms` (weeks start on Monday in Italy). */
export function startOfLocalWeek(timeZone: string, ms: number): number {
  // Luxon's weeks are ISO weeks: they start on Monday.
  return inZone(timeZone, ms).startOf('week').toMillis();
}

const WALL_TIME = /^(\d{2}):(\d{2})$/;

/**
 * The instant the clocks of `timeZone` show `time` ('HH:mm', 00:00–23:59, or 24:00 for the end of the day) on the
 * local day that contains `ms`. A time the spring change skips (02:30 on 29 March 2026 in Rome) comes out as the
 * same distance after the change (03:30); a time the autumn change repeats comes out as its second occurrence,
 * the later one (Luxon's rule). Throws a RangeError for anything else than a valid 'HH:mm'.
 */
export function atLocalTime(timeZone: string, ms: number, time: string): number {
  const match = WALL_TIME.exec(time);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || minute > 59 || hour > 24 || (hour === 24 && minute > 0))
    throw new RangeError(`not a time of day (HH:mm, 00:00–24:00): "${time}"`);
  if (hour === 24) return addLocalDays(timeZone, ms, 1);
  const day = inZone(timeZone, ms);
  // fromObject, not day.set(): set() keeps the offset of `ms` as its first guess, which would make the repeated
  // autumn hour come out differently depending on the instant we started from.
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: timeZone },
  ).toMillis();
}

export const CITY_TIME_ZONE = 'Europe/Rome';
