import type { Session } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import type { WrittenDocument } from '../store/projections';
import type { Database } from '../store/schema';
import { localTime } from './calendar';
import { chunks, ReportDelta } from './delta';
import { recomputeVisitors } from './visitors';

/**
 * Sessions → report_sessions. A session whose activity or target group is new or changed re-files its
 * check-ins (which carry them for the attendance facets), so reports never keep a stale activity.
 */
export async function projectSessions(tx: Transaction<Database>, docs: WrittenDocument[]): Promise<void> {
  const delta = new ReportDelta();
  const visitors = new Set<string>();
  const touched: string[] = [];
  for (const doc of docs) {
    if (doc.deleted) {
      await tx.deleteFrom('report_sessions').where('id', '=', doc.id).execute();
      await refile(tx, doc.id, '', '', delta, visitors);
      continue;
    }
    const s = doc.body as Session;
    const row = {
      id: s.id,
      hub_id: s.hubId,
      activity: s.activity,
      target_group: s.targetGroup,
      kind: s.kind,
      title: s.title,
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      day: localTime(s.startsAt).day,
      status: s.status,
      capacity: s.capacity,
      facilitator: s.facilitator,
      notes: s.notes,
    };
    await tx
      .insertInto('report_sessions')
      .values({ ...row, enrolled: 0, present: 0, checkins: 0 })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    await refile(tx, s.id, s.activity, s.targetGroup, delta, visitors);
    touched.push(s.id);
  }
  await recomputeVisitors(tx, visitors, delta);
  await delta.flush(tx);
  await recountSessions(tx, touched);
}

async function refile(
  tx: Transaction<Database>,
  sessionId: string,
  activity: string,
  targetGroup: string,
  delta: ReportDelta,
  visitors: Set<string>,
): Promise<void> {
  const stale = await tx
    .selectFrom('report_checkins')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where((eb) => eb.or([eb('activity', '<>', activity), eb('target_group', '<>', targetGroup)]))
    .execute();
  if (stale.length === 0) return;
  for (const r of stale) {
    if (r.direction === 'in' && Number(r.duplicate) === 0) {
      delta.checkin(r, -1);
      delta.checkin({ ...r, activity, target_group: targetGroup }, 1);
    }
    if (r.visitor_id) visitors.add(r.visitor_id);
  }
  await tx
    .updateTable('report_checkins')
    .set({ activity, target_group: targetGroup })
    .where('session_id', '=', sessionId)
    .execute();
}

/** Roster size, present marks and session check-ins of these sessions, counted again from their rows. */
export async function recountSessions(tx: Transaction<Database>, sessionIds: string[]): Promise<void> {
  for (const part of chunks([...new Set(sessionIds)])) {
    const [known, enrolments, checkins] = await Promise.all([
      tx
        .selectFrom('report_sessions')
        .select(['id', 'enrolled', 'present', 'checkins'])
        .where('id', 'in', part)
        .execute(),
      tx
        .selectFrom('report_enrolments')
        .select((eb) => [
          'session_id',
          eb.fn.countAll<number>().as('enrolled'),
          eb.fn.sum<number>(eb.case().when('attendance', '=', 'present').then(1).else(0).end()).as('present'),
        ])
        .where('session_id', 'in', part)
        .groupBy('session_id')
        .execute(),
      tx
        .selectFrom('report_checkins')
        .select((eb) => ['session_id', eb.fn.countAll<number>().as('n')])
        .where('session_id', 'in', part)
        .where('direction', '=', 'in')
        .where('duplicate', '=', 0)
        .groupBy('session_id')
        .execute(),
    ]);
    for (const s of known) {
      const e = enrolments.find((r) => r.session_id === s.id);
      const counts = {
        enrolled: Number(e?.enrolled ?? 0),
        present: Number(e?.present ?? 0),
        checkins: Number(checkins.find((r) => r.session_id === s.id)?.n ?? 0),
      };
      if (counts.enrolled === s.enrolled && counts.present === s.present && counts.checkins === s.checkins)
        continue;
      await tx.updateTable('report_sessions').set(counts).where('id', '=', s.id).execute();
    }
  }
}
