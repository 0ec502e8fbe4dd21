import {
  type AttendanceMark,
  CITY_TIME_ZONE,
  type Enrolment,
  type Hub,
  mayActOnHub,
  type Session,
  type SessionUser,
} from '@vigevano/protocol';
import { type Register, type RegisterSession, registerLines, registerSessionOf } from '@vigevano/registers';
import type { Kysely } from 'kysely';
import { ApiFailure } from '../../http/api-failure';
import { getDocument } from '../../store/documents';
import type { Database } from '../../store/schema';
import { allOperations } from './scope';
import { operationSessions } from './sessions';

/**
 * Check-ins annulled by a correction event (issue 18, item 5: collection `annulments`, one document per annulled
 * check-in naming it in `checkinId`; packages/protocol collections/annulments.ts).
 */
async function annulledCheckins(db: Kysely<Database>, hubId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('documents')
    .select('body')
    .where('collection', '=', 'annulments')
    .where('hub_id', '=', hubId)
    .where('deleted', '=', 0)
    .execute();
  return new Set(rows.map((r) => (JSON.parse(r.body) as { checkinId?: string }).checkinId ?? ''));
}

/** The names of the cards' holders: first and last name where personal data were recorded. */
async function holderNames(db: Kysely<Database>, cardIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (cardIds.length === 0) return names;
  const rows = await db
    .selectFrom('report_cards')
    .innerJoin('people', 'people.visitor_id', 'report_cards.visitor_id')
    .select(['report_cards.card_id', 'people.first_name', 'people.last_name'])
    .where('report_cards.card_id', 'in', cardIds)
    .execute();
  for (const r of rows) names.set(r.card_id, `${r.first_name} ${r.last_name}`);
  return names;
}

/** One session's page of a register, from the server's data; the hub and operation are the caller's. */
async function registerSession(
  db: Kysely<Database>,
  session: Session,
  hub: Hub,
  operation: RegisterSession['operation'],
  annulled: ReadonlySet<string>,
): Promise<RegisterSession> {
  const [enrolments, checkins] = await Promise.all([
    // enrolment ids are `<sessionId>:<cardId>` (enrolmentId): the session's roster is a key range
    db
      .selectFrom('documents')
      .select('body')
      .where('collection', '=', 'enrolments')
      .where('deleted', '=', 0)
      .where('id', '>', `${session.id}:`)
      .where('id', '<', `${session.id};`)
      .execute(),
    db
      .selectFrom('report_checkins')
      .select(['id', 'card_id', 'direction', 'at'])
      .where('session_id', '=', session.id)
      .where('card_id', 'is not', null)
      .execute(),
  ]);
  const roster = enrolments.map((r) => JSON.parse(r.body) as Enrolment);
  const names = await holderNames(
    db,
    roster.map((e) => e.cardId),
  );
  return registerSessionOf(
    session,
    hub.name,
    operation,
    registerLines(
      session,
      roster.map((e) => ({
        cardId: e.cardId,
        name: names.get(e.cardId) ?? e.alias,
        mark: e.attendance as AttendanceMark,
        ...(e.excuseReason ? { excuseReason: e.excuseReason } : {}),
      })),
      checkins.map((c) => ({
        id: c.id,
        cardId: c.card_id ?? '',
        direction: c.direction === 'out' ? 'out' : 'in',
        at: Number(c.at),
      })),
      hub.usesCheckout,
      annulled,
    ),
  );
}

async function hubFor(db: Kysely<Database>, user: SessionUser, hubId: string): Promise<Hub> {
  if (!mayActOnHub(user, hubId))
    throw new ApiFailure('forbidden', 'puoi vedere solo i registri dei tuoi hub');
  const hub = await getDocument<Hub>(db, 'hubs', hubId);
  if (!hub) throw new ApiFailure('not_found', `l'hub ${hubId} non esiste`);
  return hub;
}

/** A session's attendance register. Throws not_found for an unknown session, forbidden outside a lead's hubs. */
export async function sessionRegister(
  db: Kysely<Database>,
  user: SessionUser,
  sessionId: string,
): Promise<Register> {
  const session = await getDocument<Session>(db, 'sessions', sessionId);
  if (!session) throw new ApiFailure('not_found', `la sessione ${sessionId} non esiste`);
  const hub = await hubFor(db, user, session.hubId);
  const operation = session.operationId
    ? await db
        .selectFrom('operations')
        .select(['code', 'name'])
        .where('id', '=', session.operationId)
        .executeTakeFirst()
    : undefined;
  const annulled = await annulledCheckins(db, hub.id);
  return {
    title: 'Registro presenze',
    timeZone: CITY_TIME_ZONE,
    sessions: [await registerSession(db, session, hub, operation ?? null, annulled)],
  };
}

/**
 * An operation's attendance register: every session of the operation held (not cancelled) at the user's hubs, in
 * time order; the PDF adds each participant's total. Throws not_found for an unknown operation.
 */
export async function operationRegister(
  db: Kysely<Database>,
  user: SessionUser,
  operationId: string,
): Promise<Register> {
  const operation = (await allOperations(db)).find((o) => o.id === operationId);
  if (!operation) throw new ApiFailure('not_found', `l'operazione ${operationId} non esiste`);
  if (user.role === 'hub_lead' && !operation.hubIds.some((h) => mayActOnHub(user, h)))
    throw new ApiFailure('forbidden', `l'operazione ${operation.code} non si svolge nei tuoi hub`);
  const sessions = (await operationSessions(db, [operation], operation.startsOn, operation.endsOn)).filter(
    (s) => s.status !== 'cancelled' && mayActOnHub(user, s.hubId),
  );
  const hubs = new Map<string, { hub: Hub; annulled: Set<string> }>();
  const pages: RegisterSession[] = [];
  for (const session of sessions) {
    let entry = hubs.get(session.hubId);
    if (!entry) {
      const hub = await hubFor(db, user, session.hubId);
      entry = { hub, annulled: await annulledCheckins(db, hub.id) };
      hubs.set(session.hubId, entry);
    }
    pages.push(
      await registerSession(
        db,
        session,
        entry.hub,
        { code: operation.code, name: operation.name },
        entry.annulled,
      ),
    );
  }
  return { title: 'Registro presenze', timeZone: CITY_TIME_ZONE, sessions: pages };
}
