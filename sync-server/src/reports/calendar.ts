import { CITY_TIME_ZONE } from '@vigevano/protocol';

// Report calendar: every check-in is filed under the city's local day (Europe/Rome), its week (the Monday's day)
// and its month, as strings that sort the same way on SQLite and PostgreSQL.

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

export interface LocalTime {
  day: string;
  week: string;
  month: string;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  hour: number;
}

/** Where instant `at` falls in the city's calendar. */
export function localTime(at: number): LocalTime {
  let y = '';
  let m = '';
  let d = '';
  let h = 0;
  for (const p of parts.formatToParts(new Date(at))) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') m = p.value;
    else if (p.type === 'day') d = p.value;
    else if (p.type === 'hour') h = Number(p.value);
  }
  const day = `${y}-${m}-${d}`;
  return { day, week: weekOf(day), month: monthOf(day), weekday: weekdayOf(day), hour: h };
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
export function periodOf(kind: PeriodKind, day: string): string {
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
