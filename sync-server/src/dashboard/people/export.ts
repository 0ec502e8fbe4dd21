import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { getPerson } from './store';

/** Everything the server holds about one visitor, for their right of access (GDPR art. 15) and portability. */
export async function exportVisitor(db: Kysely<Database>, visitorId: string) {
  const [person, cards, checkins, log] = await Promise.all([
    getPerson(db, visitorId),
    db
      .selectFrom('report_cards')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .orderBy('issued_at')
      .execute(),
    db
      .selectFrom('report_checkins')
      .select(['id', 'hub_id', 'card_id', 'session_id', 'activity', 'direction', 'at'])
      .where('visitor_id', '=', visitorId)
      .orderBy('at')
      .execute(),
    db
      .selectFrom('people_log')
      .select(['action', 'at', 'by_user'])
      .where('visitor_id', '=', visitorId)
      .orderBy('at')
      .execute(),
  ]);
  const cardIds = cards.map((c) => c.card_id);
  const enrolments =
    cardIds.length === 0
      ? []
      : await db
          .selectFrom('report_enrolments')
          .innerJoin('report_sessions', 'report_sessions.id', 'report_enrolments.session_id')
          .select([
            'report_sessions.title',
            'report_sessions.starts_at',
            'report_enrolments.attendance',
            'report_enrolments.walk_in',
          ])
          .where('report_enrolments.card_id', 'in', cardIds)
          .execute();
  return {
    exportedAt: new Date().toISOString(),
    visitorId,
    personalData: person,
    cards: cards.map((c) => ({
      id: c.card_id,
      hubId: c.hub_id,
      alias: c.alias,
      language: c.language,
      issuedAt: new Date(Number(c.issued_at)).toISOString(),
      revoked: c.revoked === 1,
      revokedReason: c.revoked_reason,
    })),
    checkins: checkins.map((c) => ({ ...c, at: new Date(Number(c.at)).toISOString() })),
    sessions: enrolments.map((e) => ({
      title: e.title,
      startsAt: new Date(Number(e.starts_at)).toISOString(),
      attendance: e.attendance,
      walkIn: e.walk_in === 1,
    })),
    history: log.map((l) => ({
      action: l.action,
      at: new Date(Number(l.at)).toISOString(),
      byUser: l.by_user,
    })),
  };
}
