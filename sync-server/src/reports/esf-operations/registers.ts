import {
  type AttendanceMark,
  CITY_TIME_ZONE,
  type Enrolment,
  type Hub,
  mayActOnHub,
  type Session,
  type SessionUser,
} from '@vigevano/protocol';
import {
  type CardPresenceEvent,
  type Register,
  type RegisterSession,
  registerLines,
  registerSessionOf,
} from '@vigevano/registers';
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

// Sessions per statement: bounds the number of bound parameters (SQLite's limit) on a long operation.
const CHUNK = 200;

/** The names of the cards' holders: first and last name where personal data were recorded. */
async function holderNames(db: Kysely<Database>, cardIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < cardIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('report_cards')
      .innerJoin('people', 'people.visitor_id', 'report_cards.visitor_id')
      .select(['report_cards.card_id', 'people.first_name', 'people.last_name'])
      .where('report_cards.card_id', 'in', cardIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) names.set(r.card_id, `${r.first_name} ${r.last_name}`);
  }
  return names;
}

/** Appends `row` to the list of `key` in `map`. */
function push<T>(map: Map<string, T[]>, key: string, row: T): void {
  const list = map.get(key);
  if (list) list.push(row);
  else map.set(key, [row]);
}

/**
 * The rosters and card check-ins of `sessions`, by session id, in one statement each per CHUNK sessions rather than
 * two per session (an operation's register has tens of sessions).
 */
async function rostersAndCheckins(
  db: Kysely<Database>,
  sessionIds: readonly string[],
): Promise<{ rosters: Map<string, Enrolment[]>; checkins: Map<string, CardPresenceEvent[]> }> {
  const rosters = new Map<string, Enrolment[]>();
  const checkins = new Map<string, CardPresenceEvent[]>();
  for (let i = 0; i < sessionIds.length; i += CHUNK) {
    const ids = sessionIds.slice(i, i + CHUNK);
    const [enrolments, events] = await Promise.all([
      // enrolment ids are `<sessionId>:<cardId>` (enrolmentId): each session's roster is a key range
      db
        .selectFrom('documents')
        .select('body')
        .where('collection', '=', 'enrolments')
        .where('deleted', '=', 0)
        .where((eb) => eb.or(ids.map((id) => eb.and([eb('id', '>', `${id}:`), eb('id', '<', `${id};`)]))))
        .execute(),
      db
        .selectFrom('report_checkins')
        .select(['id', 'session_id', 'card_id', 'direction', 'at'])
        .where('session_id', 'in', ids)
        .where('card_id', 'is not', null)
        .execute(),
    ]);
    for (const r of enrolments) {
      const e = JSON.parse(r.body) as Enrolment;
      push(rosters, e.sessionId, e);
    }
    for (const c of events)
      push(checkins, c.session_id ?? '', {
        id: c.id,
        cardId: c.card_id ?? '',
        direction: c.direction === 'out' ? 'out' : 'in',
        at: Number(c.at),
      });
  }
  return { rosters, checkins };
}

/** The register's pages of `sessions` (in that order), from the server's data; hubs and operation are the caller's. */
async function registerSessions(
  db: Kysely<Database>,
  sessions: readonly Session[],
  hubs: ReadonlyMap<string, { hub: Hub; annulled: ReadonlySet<string> }>,
  operation: RegisterSession['operation'],
): Promise<RegisterSession[]> {
  const { rosters, checkins } = await rostersAndCheckins(
    db,
    sessions.map((s) => s.id),
  );
  const names = await holderNames(db, [
    ...new Set([...rosters.values()].flatMap((roster) => roster.map((e) => e.cardId))),
  ]);
  return sessions.map((session) => {
    const { hub, annulled } = hubs.get(session.hubId) as { hub: Hub; annulled: ReadonlySet<string> };
    return registerSessionOf(
      session,
      hub.name,
      operation,
      registerLines(
        session,
        (rosters.get(session.id) ?? []).map((e) => ({
          cardId: e.cardId,
          name: names.get(e.cardId) ?? e.alias,
          mark: e.attendance as AttendanceMark,
          ...(e.excuseReason ? { excuseReason: e.excuseReason } : {}),
        })),
        checkins.get(session.id) ?? [],
        hub.usesCheckout,
        annulled,
      ),
    );
  });
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
    sessions: await registerSessions(
      db,
      [session],
      new Map([[hub.id, { hub, annulled }]]),
      operation ?? null,
    ),
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
  for (const hubId of new Set(sessions.map((s) => s.hubId))) {
    const hub = await hubFor(db, user, hubId);
    hubs.set(hubId, { hub, annulled: await annulledCheckins(db, hub.id) });
  }
  return {
    title: 'Registro presenze',
    timeZone: CITY_TIME_ZONE,
    sessions: await registerSessions(db, sessions, hubs, { code: operation.code, name: operation.name }),
  };
}
