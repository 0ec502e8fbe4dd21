import { CITY_TIME_ZONE, GRANULARITY_LABEL, type Granularity } from '@vigevano/protocol';

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

/** Today and `days` days back in the city's calendar, as `YYYY-MM-DD`. */
export function localDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE }).format(ms);
}
export const today = () => localDay(Date.now());
export const daysAgo = (days: number) => localDay(Date.now() - days * 86_400_000);
