import { atLocalTime, CITY_TIME_ZONE, localClock } from '@vigevano/protocol';

/**
 * The instant a `datetime-local` value ('YYYY-MM-DDTHH:mm') names on the city's clocks (Europe/Rome, whatever the
 * browser's zone), or undefined when it is empty or not such a value.
 */
export function cityInstant(value: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
  if (!match) return undefined;
  const noon = Date.parse(`${match[1]}T12:00:00Z`);
  if (Number.isNaN(noon)) return undefined;
  return atLocalTime(CITY_TIME_ZONE, noon, match[2] as string);
}

/** The `datetime-local` value of instant `ms` on the city's clocks. */
export function cityLocalInput(ms: number): string {
  const { date, time } = localClock(CITY_TIME_ZONE, ms);
  return `${date}T${time}`;
}
