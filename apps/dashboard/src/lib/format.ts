import {
  addLocalDays,
  CITY_TIME_ZONE,
  GRANULARITY_LABEL,
  type Granularity,
  localDate,
} from '@vigevano/protocol';

const number = new Intl.NumberFormat('it-IT');
const decimal = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('it-IT', { style: 'percent', maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat('it-IT', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: CITY_TIME_ZONE,
});
const time = new Intl.DateTimeFormat('it-IT', { timeStyle: 'short', timeZone: CITY_TIME_ZONE });
const shortDay = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat('it-IT', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthName = new Intl.DateTimeFormat('it-IT', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const fmtNumber = (n: number) => number.format(n);
export const fmtDecimal = (n: number) => decimal.format(n);
export const fmtPercent = (n: number | null) => (n === null ? '–' : percent.format(n));
export const fmtDateTime = (ms: number | null) => (ms === null ? 'mai' : dateTime.format(ms));
export const fmtTime = (ms: number) => time.format(ms);

/** A report period key (`YYYY-MM-DD` day or week start, `YYYY-MM` month) as people read it. */
export function fmtPeriod(period: string, granularity: Granularity, long = false): string {
  if (granularity === 'month') return monthName.format(Date.parse(`${period}-01T00:00:00Z`));
  const ms = Date.parse(`${period}T00:00:00Z`);
  if (granularity === 'week') return `sett. ${shortDay.format(ms)}`;
  return long ? longDay.format(ms) : shortDay.format(ms);
}

export const granularityLabel = (g: Granularity) => GRANULARITY_LABEL[g];

export function fmtDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return `${Math.round(Math.abs(ms) / 1000)} s`;
  if (minutes < 120) return `${minutes} min`;
  return `${Math.round(minutes / 60)} h`;
}

/** The city's calendar day (`YYYY-MM-DD`) of instant `ms`. */
export function localDay(ms: number): string {
  return localDate(CITY_TIME_ZONE, ms).date;
}
export const today = () => localDay(Date.now());
/** The city's calendar day `days` days before the one of `now` (calendar days: one may be 23 or 25 hours long). */
export const daysAgo = (days: number, now = Date.now()) => localDay(addLocalDays(CITY_TIME_ZONE, now, -days));
