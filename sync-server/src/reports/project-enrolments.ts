import type { Enrolment } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import type { WrittenDocument } from '../store/projections';
import type { Database } from '../store/schema';
import { recountSessions } from './project-sessions';

/** Rosters → report_enrolments, and the sessions' enrolled/present counts recounted. */
export async function projectEnrolments(tx: Transaction<Database>, docs: WrittenDocument[]): Promise<void> {
  const sessions = new Set<string>();
  for (const doc of docs) {
    if (doc.deleted) {
      const old = await tx
        .selectFrom('report_enrolments')
        .select('session_id')
        .where('id', '=', doc.id)
        .executeTakeFirst();
      if (old) sessions.add(old.session_id);
      await tx.deleteFrom('report_enrolments').where('id', '=', doc.id).execute();
      continue;
    }
    const e = doc.body as Enrolment;
    const row = {
      session_id: e.sessionId,
      hub_id: e.hubId,
      card_id: e.cardId,
      alias: e.alias,
      walk_in: e.walkIn ? 1 : 0,
      attendance: e.attendance,
      excuse_reason: e.attendance === 'excused' ? (e.excuseReason ?? null) : null,
      marked_by: e.markedBy ?? null,
    };
    await tx
      .insertInto('report_enrolments')
      .values({ id: e.id, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    sessions.add(e.sessionId);
  }
  await recountSessions(tx, [...sessions]);
}
