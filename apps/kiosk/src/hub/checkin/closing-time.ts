import { atLocalTime, type Hub, localDate } from '@vigevano/protocol';

/** When the hub closes on the local day of `now` (its latest closing hour that day), or undefined if closed all day. */
export function closingTimeOn(hub: Pick<Hub, 'openingHours' | 'timezone'>, now: number): number | undefined {
  const { weekday } = localDate(hub.timezone, now);
  const closes = hub.openingHours.filter((h) => h.day === weekday).map((h) => h.close);
  if (closes.length === 0) return undefined;
  const latest = closes.sort().at(-1) as string;
  // The wall-clock time itself, not midnight + hours: on the days the clocks change the day is 23 or 25 hours.
  return atLocalTime(hub.timezone, now, latest);
}
