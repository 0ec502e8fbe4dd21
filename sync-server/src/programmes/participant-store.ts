import {
  mayActOnHub,
  type NewParticipant,
  type Participant,
  type ParticipantOutcome,
  type ParticipantSnapshot,
  type Session,
  type SessionUser,
} from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import { recordAudit, userActor } from '../audit/audit-log';
import { getPerson } from '../dashboard/people/store';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { getOperation } from './operation-store';
import { activeCards, fillRosters } from './rosters';

type Db = Kysely<Database> | Transaction<Database>;
type Actor = Pick<SessionUser, 'id' | 'email' | 'role' | 'hubIds'>;

/**
 * The snapshot of a person's characteristics on entry, copied from their `people` record now and never read from
 * it again: later edits of the record do not reach the ESF+ report of this participation (Annex I of Reg. (EU)
 * 2021/1057: characteristics are recorded upon entry).
 */
function snapshotOf(person: NonNullable<Awaited<ReturnType<typeof getPerson>>>): ParticipantSnapshot {
  return {
    birthYear: person.birthYear,
    gender: person.gender,
    employment: person.employment,
    education: person.education,
    disadvantaged: person.disadvantaged ? [...person.disadvantaged].sort() : null,
  } as ParticipantSnapshot;
}

async function rowsToParticipants(db: Db, rows: Database['participants'][]): Promise<Participant[]> {
  const visitorIds = rows.map((r) => r.visitor_id);
  const cards = await activeCards(db, visitorIds);
  const names =
    visitorIds.length === 0
      ? []
      : await db
          .selectFrom('people')
          .select(['visitor_id', 'first_name', 'last_name'])
          .where('visitor_id', 'in', visitorIds)
          .execute();
  return rows.map((r) => {
    const who = names.find((n) => n.visitor_id === r.visitor_id);
    return {
      id: r.id,
      operationId: r.operation_id,
      visitorId: r.visitor_id,
      name: who ? `${who.first_name} ${who.last_name}` : '',
      entryDate: r.entry_date,
      snapshot: JSON.parse(r.entry_snapshot),
      exitDate: r.exit_date,
      exitReason: r.exit_reason as Participant['exitReason'],
      resultAtExit: r.result_exit ? JSON.parse(r.result_exit) : null,
      resultAfterSixMonths: r.result_six_months ? JSON.parse(r.result_six_months) : null,
      cardId: cards.get(r.visitor_id)?.cardId ?? null,
    };
  });
}

/** Throws forbidden unless the user may act on one of the operation's hubs (a hub lead: their own). */
function assertOperationAccess(user: Actor, hubIds: readonly string[]): void {
  if (!hubIds.some((h) => mayActOnHub(user, h)))
    throw new ApiFailure('forbidden', 'questa operazione non si svolge nella tua sede');
}

/** An operation's participants, by entry date. */
export async function listParticipants(db: Db, operationId: string, user: Actor): Promise<Participant[]> {
  const operation = await getOperation(db, operationId);
  assertOperationAccess(user, operation.hubIds);
  const rows = await db
    .selectFrom('participants')
    .selectAll()
    .where('operation_id', '=', operationId)
    .orderBy('entry_date')
    .orderBy('id')
    .execute();
  return rowsToParticipants(db, rows);
}

async function oneParticipant(db: Db, id: string): Promise<Participant> {
  const rows = await db.selectFrom('participants').selectAll().where('id', '=', id).execute();
  const [found] = await rowsToParticipants(db, rows);
  if (!found) throw new ApiFailure('not_found', `la partecipazione ${id} non esiste`);
  return found;
}

/** People with a record (so with consent) whose name contains `q`; a hub lead finds those of their hubs. */
export async function participantCandidates(db: Db, q: string, user: Actor) {
  const key = `%${q
    .trim()
    .toLowerCase()
    .replace(/[%_\\]/g, '')}%`;
  const rows = await db
    .selectFrom('people')
    .select(['visitor_id', 'first_name', 'last_name', 'hub_id'])
    .where('search_key', 'like', key)
    .orderBy('last_name')
    .limit(30)
    .execute();
  return rows
    .filter((r) => mayActOnHub(user, r.hub_id))
    .map((r) => ({ visitorId: r.visitor_id, name: `${r.first_name} ${r.last_name}`, hubId: r.hub_id }));
}

/**
 * Enrols a person in an operation (participant.enrol): entry date within the operation's days, a snapshot of their
 * record, and roster entries on the operation's sessions from the entry day on that are still to come, for their
 * active card (none without a card). Refused: an unknown operation or person (404), a person without a record
 * (no consent, 400), one already enrolled (409), an entry outside the operation's days (400).
 */
export async function enrolParticipant(
  db: Kysely<Database>,
  input: NewParticipant,
  user: Actor,
  now = Date.now(),
) {
  const operation = await getOperation(db, input.operationId).catch(() => {
    throw fieldFailure(
      'not_found',
      '/operationId',
      'unknown_operation',
      `l'operazione ${input.operationId} non esiste`,
    );
  });
  assertOperationAccess(user, operation.hubIds);
  const person = await getPerson(db, input.visitorId);
  if (!person)
    throw fieldFailure(
      'validation_failed',
      '/visitorId',
      'no_record',
      'questa persona non ha una scheda con il consenso: registrala prima nella pagina Persone',
    );
  if (!mayActOnHub(user, person.hubId))
    throw new ApiFailure('forbidden', 'questa persona è registrata in un altro hub');
  if (input.entryDate < operation.startsOn || input.entryDate > operation.endsOn)
    throw fieldFailure(
      'validation_failed',
      '/entryDate',
      'outside_operation',
      `la data di ingresso deve cadere tra il ${operation.startsOn} e il ${operation.endsOn}`,
    );
  const already = await db
    .selectFrom('participants')
    .select('id')
    .where('operation_id', '=', operation.id)
    .where('visitor_id', '=', input.visitorId)
    .executeTakeFirst();
  if (already)
    throw fieldFailure(
      'conflict',
      '/visitorId',
      'duplicate',
      'questa persona partecipa già a questa operazione',
    );
  const snapshot = snapshotOf(person);
  return db.transaction().execute(async (tx) => {
    const id = ulid(now);
    await tx
      .insertInto('participants')
      .values({
        id,
        operation_id: operation.id,
        visitor_id: input.visitorId,
        entry_date: input.entryDate,
        entry_snapshot: JSON.stringify(snapshot),
        exit_date: null,
        exit_reason: null,
        result_exit: null,
        result_six_months: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const card = (await activeCards(tx, [input.visitorId])).get(input.visitorId);
    let rosterEntries = 0;
    if (card) {
      const sessions = (
        await listDocuments<Session>(tx, 'sessions', {
          atFrom: Math.max(now, Date.parse(`${input.entryDate}T00:00:00Z`) - 86_400_000),
        })
      ).filter((s) => s.operationId === operation.id && s.status === 'planned' && s.startsAt > now);
      rosterEntries = await fillRosters(tx, sessions, [card], now);
    }
    // No personal data in the audit log: the snapshot and the person are named by ids only.
    await recordAudit(
      tx,
      {
        actor: userActor(user),
        action: 'participant.enrol',
        target: { type: 'participant', id },
        hubId: person.hubId,
        after: {
          operationId: operation.id,
          visitorId: input.visitorId,
          entryDate: input.entryDate,
          rosterEntries,
        },
      },
      now,
    );
    return { participant: await oneParticipant(tx, id), rosterEntries };
  });
}

/**
 * Records exit and results (participant.outcome). The exit must not come before the entry; results at exit need an
 * exit, and six-month results an exit six months past. The entry and its snapshot are never changed here.
 */
export async function recordOutcome(
  db: Kysely<Database>,
  participantId: string,
  input: ParticipantOutcome,
  user: Actor,
  now = Date.now(),
): Promise<Participant> {
  const before = await oneParticipant(db, participantId);
  const operation = await getOperation(db, before.operationId);
  assertOperationAccess(user, operation.hubIds);
  if (input.exitDate !== null && input.exitDate < before.entryDate)
    throw fieldFailure(
      'validation_failed',
      '/exitDate',
      'exit_before_entry',
      `l'uscita non può precedere l'ingresso (${before.entryDate})`,
    );
  if ((input.exitDate === null) !== (input.exitReason === null))
    throw fieldFailure(
      'validation_failed',
      '/exitReason',
      'exit_reason',
      "data e motivo d'uscita vanno indicati insieme",
    );
  if (input.exitDate === null && (input.resultAtExit || input.resultAfterSixMonths))
    throw fieldFailure(
      'validation_failed',
      '/exitDate',
      'no_exit',
      "i risultati richiedono prima la data d'uscita",
    );
  return db.transaction().execute(async (tx) => {
    await tx
      .updateTable('participants')
      .set({
        exit_date: input.exitDate,
        exit_reason: input.exitReason,
        result_exit: input.resultAtExit ? JSON.stringify(input.resultAtExit) : null,
        result_six_months: input.resultAfterSixMonths ? JSON.stringify(input.resultAfterSixMonths) : null,
        updated_at: now,
      })
      .where('id', '=', participantId)
      .execute();
    const after = await oneParticipant(tx, participantId);
    const outcome = (p: Participant) => ({
      exitDate: p.exitDate,
      exitReason: p.exitReason,
      resultAtExit: p.resultAtExit,
      resultAfterSixMonths: p.resultAfterSixMonths,
    });
    await recordAudit(
      tx,
      {
        actor: userActor(user),
        action: 'participant.outcome',
        target: { type: 'participant', id: participantId },
        hubId: operation.hubIds[0],
        before: outcome(before),
        after: outcome(after),
      },
      now,
    );
    return after;
  });
}
