import { type Hub, localDate, startOfLocalDay } from '@vigevano/protocol';

/** When the hub closes on the local day of `now` (its latest closing hour that day), or undefined if closed all day. */
export function closingTimeOn(hub: Pick<Hub, 'openingHours' | 'timezone'>, now: number): number | undefined {
  const { weekday } = localDate(hub.timezone, now);
  const closes = hub.openingHours.filter((h) => h.day === weekday).map((h) => h.close);
  if (closes.length === 0) return undefined;
  const latest = closes.sort().at(-1) as string;
  const [hours, minutes] = latest.split(':').map(Number) as [number, number];
  // Closing hours are in the afternoon or evening: never on a daylight-saving switch (at 02:00-03:00).
  return startOfLocalDay(hub.timezone, now) + (hours * 60 + minutes) * 60_000;
}
