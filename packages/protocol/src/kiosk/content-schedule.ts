import type { Content } from '../collections/content';
import { localClock } from '../time';

/** Whether an info-screen item is to be shown at `now` in a hub of time zone `timeZone`. */
export function isContentActive(content: Content, timeZone: string, now: number): boolean {
  if (!content.published) return false;
  const { schedule } = content;
  if (now < schedule.from || now >= schedule.to) return false;
  const { weekday, time } = localClock(timeZone, now);
  if (schedule.days && schedule.days.length > 0 && !schedule.days.includes(weekday)) return false;
  // 'HH:mm' strings compare like the times they name.
  if (schedule.hours && (time < schedule.hours.from || time >= schedule.hours.to)) return false;
  return true;
}

/** The items a hub shows now: for this hub or the whole city, active, highest priority first. */
export function contentForHub(
  items: readonly Content[],
  hubId: string,
  timeZone: string,
  now: number,
): Content[] {
  return items
    .filter((c) => (c.hubIds.length === 0 || c.hubIds.includes(hubId)) && isContentActive(c, timeZone, now))
    .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
}
