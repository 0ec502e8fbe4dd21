import { type Enrolment, enrolmentId, type Session } from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { getDocument, putDocuments } from '../store/documents';
import type { Database } from '../store/schema';

type Db = Kysely<Database> | Transaction<Database>;

/** A participant's active card, as the roster names it. */
export interface RosterCard {
  cardId: string;
  alias: string;
}

/**
 * The active (not revoked) cards of `visitorIds`, one per visitor: the newest issued. A visitor without one is
 * left out: their roster entries wait until they get a card (the page says so).
 */
export async function activeCards(db: Db, visitorIds: readonly string[]): Promise<Map<string, RosterCard>> {
  const out = new Map<string, RosterCard>();
  if (visitorIds.length === 0) return out;
  const rows = await db
    .selectFrom('report_cards')
    .select(['visitor_id', 'card_id', 'alias'])
    .where('visitor_id', 'in', [...visitorIds])
    .where('revoked', '=', 0)
    .orderBy('issued_at', 'asc')
    .execute();
  for (const r of rows) out.set(r.visitor_id, { cardId: r.card_id, alias: r.alias });
  return out;
}

/**
 * Fills rosters in advance: an entry (enrolments document, id enrolmentId(session, card), walkIn false, attendance
 * 'unknown') per session and card, written by the server so the hub's kiosks receive it by replication. An entry
 * that already exists (a kiosk's walk-in, a mark) is left as it is. Returns how many entries were written.
 */
export async function fillRosters(
  tx: Transaction<Database>,
  sessions: readonly Pick<Session, 'id' | 'hubId'>[],
  cards: readonly RosterCard[],
  now: number,
): Promise<number> {
  const entries: Enrolment[] = [];
  for (const session of sessions)
    for (const card of cards) {
      const id = enrolmentId(session.id, card.cardId);
      if (await getDocument<Enrolment>(tx, 'enrolments', id)) continue;
      entries.push({
        id,
        sessionId: session.id,
        hubId: session.hubId,
        cardId: card.cardId,
        alias: card.alias,
        walkIn: false,
        attendance: 'unknown',
        updatedAt: now,
      });
    }
  await putDocuments(
    tx,
    entries.map((e) => ({ collection: 'enrolments', hubId: e.hubId, at: null, body: e })),
  );
  return entries.length;
}

/** The cards of an operation's participants, for its sessions' rosters. */
export async function operationCards(db: Db, operationId: string): Promise<RosterCard[]> {
  const visitors = await db
    .selectFrom('participants')
    .select('visitor_id')
    .where('operation_id', '=', operationId)
    .where('exit_date', 'is', null)
    .execute();
  return [
    ...(
      await activeCards(
        db,
        visitors.map((v) => v.visitor_id),
      )
    ).values(),
  ];
}
