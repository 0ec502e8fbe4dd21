import type { Content } from '../collections/content';
import { addLocalDays, atLocalTime, localDate, startOfLocalWeek } from '../time';
import { type TargetKiosk, targetsKiosk } from './targeting';

/** One hour of one day of a kiosk's week: the items it rotates through then, highest priority first. */
export interface WeekHour {
  /** the local hour, 0–23 */
  hour: number;
  contentIds: string[];
}

/** One local day of a kiosk's week. */
export interface WeekDay {
  /** local date, YYYY-MM-DD */
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** 24 hours; an hour the spring clock change skips is there with no items */
  hours: WeekHour[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether `item` is on screen at some moment of [start, end) (epoch ms) whose wall clock reads [from, to). */
function playsIn(
  item: Content,
  weekday: number,
  start: number,
  end: number,
  from: string,
  to: string,
): boolean {
  const { schedule } = item;
  if (start >= end || schedule.from >= end || schedule.to <= start) return false;
  if (schedule.days && schedule.days.length > 0 && !schedule.days.includes(weekday)) return false;
  // 'HH:mm' strings compare like the times they name ('24:00' closes the last hour)
  return !schedule.hours || (schedule.hours.from < to && schedule.hours.to > from);
}

/**
 * What kiosk `kiosk` plays each hour of the local week (Monday to Sunday, `timeZone`) that contains `now` (epoch
 * ms): the published items aimed at it (targeting.ts) whose dates, weekdays and hours (content-schedule.ts)
 * overlap the hour. An item that starts or ends within an hour counts in that hour. Days are 7 local calendar
 * days, so a week with a clock change still has 7 days of 24 labelled hours.
 */
export function contentWeek(
  items: readonly Content[],
  kiosk: TargetKiosk,
  timeZone: string,
  now: number,
): { weekStart: number; days: WeekDay[] } {
  const candidates = items
    .filter((c) => c.published && targetsKiosk(c, kiosk))
    .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  const weekStart = startOfLocalWeek(timeZone, now);
  const days: WeekDay[] = [];
  for (let d = 0; d < 7; d++) {
    const dayStart = addLocalDays(timeZone, weekStart, d);
    const { date, weekday } = localDate(timeZone, dayStart);
    const hours: WeekHour[] = [];
    for (let hour = 0; hour < 24; hour++) {
      const from = `${pad(hour)}:00`;
      const to = `${pad(hour + 1)}:00`;
      const start = atLocalTime(timeZone, dayStart, from);
      const end = atLocalTime(timeZone, dayStart, to);
      hours.push({
        hour,
        contentIds: candidates.filter((c) => playsIn(c, weekday, start, end, from, to)).map((c) => c.id),
      });
    }
    days.push({ date, weekday, hours });
  }
  return { weekStart, days };
}
