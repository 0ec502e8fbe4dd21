import {
  ESF_INDICATOR_LABEL,
  ESF_LINES,
  type EsfQuery,
  type EsfReport,
  esfLine,
  type SessionUser,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { CITY } from '../contributions';
import { csvFile } from '../csv';
import { checkHubExists, hubKey, hubOptions, reportHub, visibleHubs } from '../scope';

/** ESF+ participants of a year by indicator, from the pre-aggregated counts (exact). */
export async function esfReport(db: Kysely<Database>, user: SessionUser, q: EsfQuery): Promise<EsfReport> {
  const hubs = await visibleHubs(db, user);
  const hub = reportHub(user, q.hub);
  checkHubExists(hubs, hub);
  const [rows, years] = await Promise.all([
    db
      .selectFrom('report_esf')
      .select(['indicator', 'value', 'participants'])
      .where('year', '=', q.year)
      .where('hub_id', '=', hubKey(hub))
      .execute(),
    db
      .selectFrom('report_esf')
      .select('year')
      .distinct()
      .where('hub_id', '=', CITY)
      .where('indicator', '=', 'total')
      .where('participants', '>', 0)
      .execute(),
  ]);
  const count = new Map(rows.map((r) => [`${r.indicator}:${r.value}`, Number(r.participants)]));
  return {
    query: { year: q.year, hub },
    participants: count.get('total:all') ?? 0,
    rows: ESF_LINES.map(({ indicator, value }) => ({
      indicator,
      value,
      participants: count.get(`${indicator}:${value}`) ?? 0,
    })),
    hubs: hubOptions(hubs),
    years: years.map((y) => y.year).sort(),
  };
}

/** The report as CSV for the programme's forms: semicolon-separated (Italian spreadsheets), with a BOM. */
export function esfCsv(report: EsfReport, hubName: string): string {
  return csvFile([
    ['anno', 'hub', 'indicatore', 'valore', 'partecipanti'],
    ...report.rows.map((r) => [
      report.query.year,
      hubName,
      ESF_INDICATOR_LABEL[r.indicator],
      esfLine(r.indicator, r.value)?.label ?? r.value,
      r.participants,
    ]),
  ]);
}
