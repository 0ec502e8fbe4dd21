import type { Content } from '../collections/content';
import { localClock } from '../time';
import { type TargetKiosk, targetsKiosk } from './targeting';

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

/**
 * The items a hub shows now: for this hub or the whole city, active, highest priority first. Ignores single-kiosk
 * and tag targeting: what one kiosk shows is `contentForKiosk`.
 */
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

/**
 * The items kiosk `kiosk` shows at `now` (epoch ms) in its hub's time zone: aimed at it (targeting.ts) and active
 * (isContentActive), highest priority first, then by id so every kiosk and the dashboard agree on the order.
 */
export function contentForKiosk(
  items: readonly Content[],
  kiosk: TargetKiosk,
  timeZone: string,
  now: number,
): Content[] {
  return items
    .filter((c) => targetsKiosk(c, kiosk) && isContentActive(c, timeZone, now))
    .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
}
