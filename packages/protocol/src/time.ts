// Calendar arithmetic in a hub's own time zone (Europe/Rome), with Intl only, so kiosk, server and browser agree
// on what "today" and "this week" mean, across daylight-saving changes.

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (Rome: +1 h in winter, +2 h in summer). */
export function timeZoneOffset(timeZone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The local calendar date (YYYY-MM-DD) and weekday (0 = Sunday) of instant `ms` in `timeZone`. */
export function localDate(timeZone: string, ms: number): { date: string; weekday: number } {
  const local = new Date(ms + timeZoneOffset(timeZone, ms));
  return { date: local.toISOString().slice(0, 10), weekday: local.getUTCDay() };
}

/** The instant local midnight starts the day that contains `ms`, in `timeZone`. */
export function startOfLocalDay(timeZone: string, ms: number): number {
  const { date } = localDate(timeZone, ms);
  const midnightAsUtc = Date.parse(`${date}T00:00:00Z`);
  // The offset at midnight may differ from the offset at `ms` on a daylight-saving day: use midnight's own.
  return midnightAsUtc - timeZoneOffset(timeZone, midnightAsUtc - timeZoneOffset(timeZone, ms));
}

/** Local midnight `days` calendar days after the day containing `ms` (negative: before). */
export function addLocalDays(timeZone: string, ms: number, days: number): number {
  const start = startOfLocalDay(timeZone, ms);
  // Noon of the target day is never ambiguous, whatever the clocks did in between.
  return startOfLocalDay(timeZone, start + days * 86_400_000 + 12 * 3_600_000);
}

/** Local midnight of the Monday that starts the week containing `ms` (weeks start on Monday in Italy). */
export function startOfLocalWeek(timeZone: string, ms: number): number {
  const { weekday } = localDate(timeZone, ms);
  return addLocalDays(timeZone, ms, -((weekday + 6) % 7));
}

export const CITY_TIME_ZONE = 'Europe/Rome';
