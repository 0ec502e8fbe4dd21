import { type Enrolment, enrolmentId, type RosterMark, type Session } from '@vigevano/protocol';
import type { RxDocumentData } from 'rxdb';
import type { KioskDatabase } from '../database/open';
import { SessionRuleError } from './session-rule-error';

/** The enrolments schema caps `excuseReason` (packages/protocol collections/enrolments.ts). */
const EXCUSE_MAX = 200;

/**
 * The reason to store with a mark: for 'excused', `reason` trimmed, which must be 1 to 200 characters (a register
 * shows why someone was excused); for another mark, none. Throws SessionRuleError (Italian) otherwise.
 */
export function excuseOf(attendance: RosterMark, reason: string | undefined): string | undefined {
  if (attendance !== 'excused') return undefined;
  const trimmed = reason?.trim() ?? '';
  if (trimmed.length === 0 || trimmed.length > EXCUSE_MAX)
    throw new SessionRuleError(`«Giustificato» richiede un motivo, da 1 a ${EXCUSE_MAX} caratteri`);
  return trimmed;
}

/** What a mark sets on each row; `excuseReason` is absent unless the mark is 'excused'. */
export type MarkPatch = Pick<Enrolment, 'attendance' | 'markedBy' | 'updatedAt' | 'excuseReason'>;

/** How many times a batch is written again after another write (a check-in, a replicated edit) changed a row. */
const CONFLICT_RETRIES = 3;

/**
 * Writes one mark on each row in ONE storage write (the SQLite storage runs it in one transaction): existing
 * enrolments patched, cards not on the roster added as walk-ins. The caller has checked every row first. A row
 * another write changed in between (a 409 conflict, its revision stale) is written again on top of the newer
 * document: the mark is the facilitator's latest word and setting it twice is harmless.
 *
 * @returns the rows as stored, in the order of `people`
 */
export async function writeMarks(
  db: KioskDatabase,
  session: Pick<Session, 'id' | 'hubId'>,
  people: readonly { cardId: string; alias: string }[],
  patch: MarkPatch,
): Promise<Enrolment[]> {
  let pending = people.map((p) => ({ ...p, id: enrolmentId(session.id, p.cardId) }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    const current = await db.enrolments.findByIds(pending.map((p) => p.id)).exec();
    const rows = pending.map((p) => {
      const previous = current.get(p.id)?._data as RxDocumentData<Enrolment> | undefined;
      const base: Enrolment = previous
        ? { ...previous }
        : {
            id: p.id,
            sessionId: session.id,
            hubId: session.hubId,
            cardId: p.cardId,
            alias: p.alias,
            walkIn: true,
            attendance: 'unknown',
            updatedAt: patch.updatedAt,
          };
      const { excuseReason: _dropped, ...rest } = base;
      const document = {
        ...rest,
        ...patch,
        _deleted: false,
        _attachments: {},
        _meta: previous?._meta ?? { lwt: patch.updatedAt },
        _rev: previous?._rev ?? '',
      } as RxDocumentData<Enrolment>;
      return previous ? { previous, document } : { document };
    });
    const result = await db.enrolments.storageInstance.bulkWrite(rows, 'roster-marks');
    const conflicted = new Set(result.error.filter((e) => e.status === 409).map((e) => e.documentId));
    const failed = result.error.find((e) => e.status !== 409);
    if (failed) throw new Error(`the roster write failed (${failed.status}) for ${failed.documentId}`);
    if (conflicted.size > 0 && attempt >= CONFLICT_RETRIES)
      throw new SessionRuleError("l'elenco è cambiato mentre lo si segnava: riprova");
    pending = pending.filter((p) => conflicted.has(p.id));
  }
  const stored = await db.enrolments.findByIds(people.map((p) => enrolmentId(session.id, p.cardId))).exec();
  return people.map((p) => stored.get(enrolmentId(session.id, p.cardId))?.toJSON() as Enrolment);
}
