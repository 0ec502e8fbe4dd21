import { atLocalTime, type Hub, MAX_SERIES_YEARS, type SeriesPreview } from '@vigevano/protocol';
import rrule from 'rrule';
import { fieldFailure } from '../http/api-failure';
import { italianPublicHolidays } from './holidays';

/** What a recurrence needs: the rule (RFC 5545 RRULE without DTSTART), its first day, wall-clock start and length. */
export interface Recurrence {
  rule: string;
  startsOn: string;
  startTime: string;
  durationMinutes: number;
}

// rrule is CommonJS: Node's ESM loader gives it as a default export only (tsx and the built server alike).
const { Frequency, RRule } = rrule;

const ruleFailure = (message: string) => fieldFailure('validation_failed', '/rule', 'invalid_rule', message);

/** `YYYY-MM-DD` of a Date that rrule returns: rrule works in "floating" UTC dates (its documented convention). */
const floatingDay = (d: Date) => d.toISOString().slice(0, 10);
const floatingDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** The last day a series starting on `startsOn` may reach: MAX_SERIES_YEARS later, the day before. */
export function lastAllowedDay(startsOn: string): string {
  const d = floatingDate(startsOn);
  d.setUTCFullYear(d.getUTCFullYear() + MAX_SERIES_YEARS);
  d.setUTCDate(d.getUTCDate() - 1);
  return floatingDay(d);
}

/**
 * The local days an RRULE gives from `startsOn` (included when the rule matches it), checked: the text must parse
 * (RFC 5545, via rrule), be daily, weekly, monthly or yearly, carry no DTSTART of its own, end (UNTIL or COUNT), not
 * before `startsOn`, and within MAX_SERIES_YEARS. Throws ApiFailure validation_failed at `/rule` with an Italian message otherwise.
 */
export function ruleDays(rule: string, startsOn: string): string[] {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (/DTSTART|[\r\n]/i.test(text))
    throw ruleFailure('la regola non deve contenere DTSTART: il primo giorno è quello indicato nel modulo');
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(text);
  } catch (e) {
    throw ruleFailure(`regola di ricorrenza non valida (RFC 5545): ${(e as Error).message}`);
  }
  if (options.byweekday && (options.byweekday as unknown[]).some((d) => d == null))
    throw ruleFailure('regola di ricorrenza non valida: giorno della settimana sconosciuto in BYDAY');
  const allowed = [Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY];
  if (options.freq === undefined || !allowed.includes(options.freq))
    throw ruleFailure('la frequenza deve essere DAILY, WEEKLY, MONTHLY o YEARLY');
  if (!options.until && !options.count)
    throw ruleFailure(`la ricorrenza deve finire (UNTIL o COUNT) entro ${MAX_SERIES_YEARS} anni`);
  // An end before the start is a typing slip worth naming, not "no dates": the form's "Fino al" precedes "Dal".
  if (options.until && floatingDay(options.until) < startsOn)
    throw ruleFailure(
      `la ricorrenza finisce (${floatingDay(options.until)}) prima del primo giorno (${startsOn})`,
    );
  let recurrence: InstanceType<typeof RRule>;
  try {
    recurrence = new RRule({ ...options, dtstart: floatingDate(startsOn) });
  } catch (e) {
    throw ruleFailure(`regola di ricorrenza non valida (RFC 5545): ${(e as Error).message}`);
  }
  const last = lastAllowedDay(startsOn);
  // One past the cap is enough to know the rule is too long: nothing is expanded beyond it.
  const beyond = recurrence.after(floatingDate(last), false);
  if (beyond || (options.until && floatingDay(options.until) > last))
    throw ruleFailure(
      `la ricorrenza supera ${MAX_SERIES_YEARS} anni (arriva oltre il ${last}): accorciala o dividila in più serie`,
    );
  return recurrence.between(floatingDate(startsOn), floatingDate(last), true).map(floatingDay);
}

/**
 * The occurrences of a recurrence at `hub`: each day the rule gives, at the hub's wall-clock `startTime` in its
 * time zone (so 18:00 stays 18:00 across a change of the clocks), minus Italian public holidays and the hub's
 * closures, which come back as `skipped` with why. Throws as ruleDays does.
 */
export function expandRecurrence(r: Recurrence, hub: Pick<Hub, 'timezone' | 'closures'>): SeriesPreview {
  const days = ruleDays(r.rule, r.startsOn);
  const holidays = new Map<string, string>();
  for (const year of new Set(days.map((d) => Number(d.slice(0, 4)))))
    for (const [day, name] of italianPublicHolidays(year)) holidays.set(day, name);
  const out: SeriesPreview = { occurrences: [], skipped: [] };
  for (const date of days) {
    const holiday = holidays.get(date);
    if (holiday) {
      out.skipped.push({ date, reason: 'holiday', label: holiday });
      continue;
    }
    const closure = hub.closures.find((c) => c.from <= date && date <= c.to);
    if (closure) {
      out.skipped.push({ date, reason: 'closure', label: closure.reason || 'chiusura della sede' });
      continue;
    }
    out.occurrences.push({ date, ...sessionTimes(hub.timezone, date, r.startTime, r.durationMinutes) });
  }
  return out;
}

/**
 * Start and end instants (epoch ms) of a session on local `date` at wall-clock `startTime` in `timeZone`, lasting
 * `durationMinutes` of real time. Noon UTC of a date lies within that same local date for every zone between
 * UTC−11 and UTC+11, Italy's included, which is what atLocalTime needs to find the day.
 */
export function sessionTimes(
  timeZone: string,
  date: string,
  startTime: string,
  durationMinutes: number,
): { startsAt: number; endsAt: number } {
  const startsAt = atLocalTime(timeZone, Date.parse(`${date}T12:00:00Z`), startTime);
  return { startsAt, endsAt: startsAt + durationMinutes * 60_000 };
}
