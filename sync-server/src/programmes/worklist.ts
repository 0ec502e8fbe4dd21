import {
  mayActOnHub,
  type ParticipantSnapshot,
  type SessionUser,
  type WorklistItem,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/** `YYYY-MM-DD` six calendar months after `day` (the ESF+ longer-term results: EECR05–06). */
export function sixMonthsAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const target = d.getUTCMonth() + 6;
  d.setUTCMonth(target);
  // 31 August + 6 months is 28/29 February, not 3 March
  if (d.getUTCMonth() !== ((target % 12) + 12) % 12) d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/**
 * What coordinators still owe the funder, participant by participant, for the operations the user may see:
 * snapshot fields not recorded at entry; results at exit once exited and not entered; results six months after
 * exit once that day has come. `today` is a local date.
 */
export async function participantWorklist(
  db: Kysely<Database>,
  user: Pick<SessionUser, 'role' | 'hubIds'>,
  today: string,
): Promise<WorklistItem[]> {
  const rows = await db
    .selectFrom('participants')
    .innerJoin('operations', 'operations.id', 'participants.operation_id')
    .leftJoin('people', 'people.visitor_id', 'participants.visitor_id')
    .select([
      'participants.id',
      'participants.operation_id',
      'participants.entry_snapshot',
      'participants.exit_date',
      'participants.result_exit',
      'participants.result_six_months',
      'operations.code',
      'people.first_name',
      'people.last_name',
    ])
    .orderBy('operations.code')
    .orderBy('participants.entry_date')
    .execute();
  const links = await db.selectFrom('operation_hubs').selectAll().execute();
  const visible = (opId: string) => links.some((l) => l.operation_id === opId && mayActOnHub(user, l.hub_id));
  const items: WorklistItem[] = [];
  for (const r of rows) {
    if (!visible(r.operation_id)) continue;
    const base = {
      participantId: r.id,
      operationId: r.operation_id,
      operationCode: r.code,
      name: r.first_name ? `${r.first_name} ${r.last_name}` : '',
    };
    const snapshot = JSON.parse(r.entry_snapshot) as ParticipantSnapshot;
    const missing = Object.entries(snapshot)
      .filter(([, v]) => v === null)
      .map(([k]) => k);
    if (missing.length > 0) items.push({ ...base, kind: 'snapshot_missing', fields: missing, dueOn: null });
    if (r.exit_date && r.exit_date <= today && !r.result_exit)
      items.push({ ...base, kind: 'exit_results_due', fields: [], dueOn: r.exit_date });
    if (r.exit_date && !r.result_six_months) {
      const due = sixMonthsAfter(r.exit_date);
      if (due <= today) items.push({ ...base, kind: 'six_month_results_due', fields: [], dueOn: due });
    }
  }
  return items;
}
