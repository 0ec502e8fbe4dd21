import {
  type AttendanceMarkInput,
  type Enrolment,
  enrolmentId,
  mayActOnHub,
  type Session,
  type SessionUser,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { recordAudit, userActor } from '../audit/audit-log';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import { getDocument, putDocuments } from '../store/documents';
import type { Database } from '../store/schema';

/** The schema caps `markedBy` (enrolments.ts): a longer email is cut, as the kiosk cuts a facilitator's name. */
const MARKED_BY_MAX = 80;

/**
 * Sets the attendance of one or many participants of a session's roster (issue 18, item 4), as a server write of
 * their enrolment documents: the mark, the excuse's reason (kept only with `excused`), who marked it (the user's
 * email) and a fresh updatedAt, later than the stored one, so the enrolments merge rule (the later updatedAt wins)
 * makes the dashboard's mark win over a kiosk's older one and lose to a newer one. Each changed entry gets an audit
 * entry in the same transaction; an unchanged mark writes nothing.
 * Throws ApiFailure: not_found (no such session, a card not on its roster), forbidden (another hub's session for
 * a hub lead), validation_failed (excused without a reason, a reason without excused, a card twice); then nothing
 * is written.
 */
export async function markAttendance(
  db: Kysely<Database>,
  user: SessionUser,
  sessionId: string,
  marks: readonly AttendanceMarkInput[],
  now = Date.now(),
): Promise<{ changed: number }> {
  const session = await getDocument<Session>(db, 'sessions', sessionId);
  if (!session) throw new ApiFailure('not_found', `la sessione ${sessionId} non esiste`);
  if (!mayActOnHub(user, session.hubId))
    throw new ApiFailure('forbidden', 'puoi segnare le presenze solo delle sessioni dei tuoi hub');
  const seen = new Set<string>();
  marks.forEach((m, i) => {
    if (seen.has(m.cardId))
      throw fieldFailure(
        'validation_failed',
        `/marks/${i}/cardId`,
        'duplicate',
        'una tessera compare due volte',
      );
    seen.add(m.cardId);
    if (m.attendance === 'excused' && !m.excuseReason?.trim())
      throw fieldFailure(
        'validation_failed',
        `/marks/${i}/excuseReason`,
        'required',
        'per un assente giustificato scrivi il motivo',
      );
    if (m.attendance !== 'excused' && m.excuseReason !== undefined)
      throw fieldFailure(
        'validation_failed',
        `/marks/${i}/excuseReason`,
        'not_allowed',
        'il motivo si scrive solo per un assente giustificato',
      );
  });
  const markedBy = user.email.slice(0, MARKED_BY_MAX);
  return db.transaction().execute(async (tx) => {
    const changed: Enrolment[] = [];
    const befores: Enrolment[] = [];
    for (const m of marks) {
      const before = await getDocument<Enrolment>(tx, 'enrolments', enrolmentId(sessionId, m.cardId));
      if (!before)
        throw new ApiFailure('not_found', `la tessera ${m.cardId} non è nell'elenco di questa sessione`);
      const reason = m.attendance === 'excused' ? m.excuseReason?.trim() : undefined;
      if (before.attendance === m.attendance && before.excuseReason === reason) continue;
      const { excuseReason: _old, ...rest } = before;
      changed.push({
        ...rest,
        attendance: m.attendance,
        ...(reason ? { excuseReason: reason } : {}),
        markedBy,
        updatedAt: Math.max(now, before.updatedAt + 1),
      });
      befores.push(before);
    }
    await putDocuments(
      tx,
      changed.map((e) => ({ collection: 'enrolments', hubId: e.hubId, at: null, body: e })),
    );
    for (const [i, after] of changed.entries()) {
      const before = befores[i] as Enrolment;
      await recordAudit(
        tx,
        {
          actor: userActor(user),
          action: 'attendance.mark',
          target: { type: 'enrolment', id: after.id },
          hubId: after.hubId,
          before: { attendance: before.attendance, excuseReason: before.excuseReason ?? null },
          after: { attendance: after.attendance, excuseReason: after.excuseReason ?? null },
        },
        now,
      );
    }
    return { changed: changed.length };
  });
}
