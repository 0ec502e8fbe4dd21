import {
  ESF_OUTPUT_INDICATORS,
  ESF_RESULT_FIELD_LABEL,
  ESF_RESULT_INDICATORS,
  ESF_SNAPSHOT_FIELD_LABEL,
  type EsfCountRow,
  esfGenderKey,
  esfOutputMatches,
} from '@vigevano/protocol';
import type { ParticipationFacts } from './participants';

const emptyRow = (code: string | null, label: string): EsfCountRow => ({
  code,
  label,
  total: 0,
  female: 0,
  male: 0,
  nonBinary: 0,
  notRecorded: 0,
});

const inPeriod = (day: string | null, from: string, to: string) => day !== null && day >= from && day <= to;

/**
 * The day six months after `day` (YYYY-MM-DD), clamped to the month's end (31 Aug → 28/29 Feb): when the
 * longer-term results (EECR05–06) fall due.
 */
function sixMonthsAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const month = m - 1 + 6;
  const year = y + Math.floor(month / 12);
  const mm = (month % 12) + 1;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The ESF+ indicators of a period from its participations (issue 18, item 6):
 * - output indicators (EECO…) count each participation that ENTERED in [from, to] once, by its entry snapshot,
 *   age being the year of entry minus the year of birth; a person in two operations counts once in each;
 * - result indicators (EECR…) count, among the participations that LEFT in [from, to], those whose result is true
 *   (EECR05–06 as entered six months later; still unknown ones count nowhere and appear in the missing list);
 * each broken down by the gender recorded at entry.
 */
export function esfCounts(
  participations: readonly ParticipationFacts[],
  from: string,
  to: string,
): { participants: number; outputs: EsfCountRow[]; leavers: number; results: EsfCountRow[] } {
  const entered = participations.filter((p) => inPeriod(p.entryDate, from, to));
  const left = participations.filter((p) => inPeriod(p.exitDate, from, to));
  const outputs = ESF_OUTPUT_INDICATORS.map((indicator) => {
    const row = emptyRow(indicator.code, indicator.label);
    for (const p of entered)
      if (esfOutputMatches(indicator, p.snapshot, Number(p.entryDate.slice(0, 4)))) {
        row.total += 1;
        row[esfGenderKey(p.snapshot.gender)] += 1;
      }
    return row;
  });
  const results = ESF_RESULT_INDICATORS.map((indicator) => {
    const row = emptyRow(indicator.code, indicator.label);
    for (const p of left)
      if (indicator.result(p) === true) {
        row.total += 1;
        row[esfGenderKey(p.snapshot.gender)] += 1;
      }
    return row;
  });
  return { participants: entered.length, outputs, leavers: left.length, results };
}

/**
 * What the funder asks and the city has not recorded for a participation of the period, in Italian: the entry
 * snapshot's empty fields (for those who entered in the period), the results at exit (for those who left in it)
 * and the results at six months once due by `to`. Empty when nothing is missing.
 */
export function missingFields(p: ParticipationFacts, from: string, to: string): string[] {
  const fields: string[] = [];
  if (inPeriod(p.entryDate, from, to))
    for (const [key, label] of Object.entries(ESF_SNAPSHOT_FIELD_LABEL))
      if (p.snapshot[key as keyof typeof ESF_SNAPSHOT_FIELD_LABEL] === null) fields.push(label);
  if (p.exitDate !== null && inPeriod(p.exitDate, from, to)) {
    const r = p.atExit;
    if (!r || Object.values(r).some((v) => v === null)) fields.push(ESF_RESULT_FIELD_LABEL.atExit);
    const s = p.afterSixMonths;
    if (sixMonthsAfter(p.exitDate) <= to && (!s || Object.values(s).some((v) => v === null)))
      fields.push(ESF_RESULT_FIELD_LABEL.afterSixMonths);
  }
  return fields;
}
