import { ApiFailure } from '../../http/api-failure';
import { addDays, daysBetween, isCalendarDay, monthEnd, monthOf, type PeriodKind, weekOf } from '../calendar';

/** At most this many days in one report: five years and a bit, what the benchmark city holds. */
const MAX_RANGE_DAYS = 6 * 366;

/** Checks a from/to pair of local days and says in Italian what is wrong with it. */
export function checkRange(from: string, to: string): void {
  if (!isCalendarDay(from)) throw new ApiFailure('validation_failed', `data di inizio non valida: ${from}`);
  if (!isCalendarDay(to)) throw new ApiFailure('validation_failed', `data di fine non valida: ${to}`);
  if (from > to) throw new ApiFailure('validation_failed', 'la data di inizio è dopo la data di fine');
  if (daysBetween(from, to) > MAX_RANGE_DAYS)
    throw new ApiFailure('validation_failed', `intervallo troppo lungo: al massimo ${MAX_RANGE_DAYS} giorni`);
}

/** The range widened to whole periods of `kind`, so every period shown is complete. */
export function wholePeriods(kind: PeriodKind, from: string, to: string): { from: string; to: string } {
  if (kind === 'd') return { from, to };
  if (kind === 'w') return { from: weekOf(from), to: addDays(weekOf(to), 6) };
  return { from: `${monthOf(from)}-01`, to: monthEnd(monthOf(to)) };
}
