import type { ParticipantSnapshot, ResultAfterSixMonths, ResultAtExit } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';

/** One participation as the ESF+ report counts it: the entry snapshot and results parsed from their JSON. */
export interface ParticipationFacts {
  id: string;
  operationId: string;
  visitorId: string;
  entryDate: string;
  exitDate: string | null;
  snapshot: ParticipantSnapshot;
  atExit: ResultAtExit | null;
  afterSixMonths: ResultAfterSixMonths | null;
}

const CHUNK = 500;

/**
 * The participations of `operationIds` that entered or left within [from, to] (local days, inclusive): the only
 * ones the report of that period counts. Reads the participants table only, never the people's current records.
 */
export async function participationsInPeriod(
  db: Kysely<Database>,
  operationIds: readonly string[],
  from: string,
  to: string,
): Promise<ParticipationFacts[]> {
  const out: ParticipationFacts[] = [];
  for (let i = 0; i < operationIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('participants')
      .select([
        'id',
        'operation_id',
        'visitor_id',
        'entry_date',
        'exit_date',
        'entry_snapshot',
        'result_exit',
        'result_six_months',
      ])
      .where('operation_id', 'in', operationIds.slice(i, i + CHUNK))
      .where((eb) =>
        eb.or([
          eb.and([eb('entry_date', '>=', from), eb('entry_date', '<=', to)]),
          eb.and([eb('exit_date', '>=', from), eb('exit_date', '<=', to)]),
        ]),
      )
      .orderBy('id')
      .execute();
    for (const r of rows)
      out.push({
        id: r.id,
        operationId: r.operation_id,
        visitorId: r.visitor_id,
        entryDate: r.entry_date,
        exitDate: r.exit_date,
        snapshot: JSON.parse(r.entry_snapshot) as ParticipantSnapshot,
        atExit: r.result_exit ? (JSON.parse(r.result_exit) as ResultAtExit) : null,
        afterSixMonths: r.result_six_months
          ? (JSON.parse(r.result_six_months) as ResultAfterSixMonths)
          : null,
      });
  }
  return out;
}
