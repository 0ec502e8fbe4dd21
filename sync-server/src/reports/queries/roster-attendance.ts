import {
  type AttendanceMark,
  attendedTime,
  type PresenceEvent,
  type RosterEntry,
  type SessionCheckin,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';

/** Whether the hub records check-outs (hub document `usesCheckout`); a hub the server does not hold: no. */
export async function hubUsesCheckout(db: Kysely<Database>, hubId: string): Promise<boolean> {
  const hub = await db
    .selectFrom('documents')
    .select('body')
    .where('collection', '=', 'hubs')
    .where('id', '=', hubId)
    .executeTakeFirst();
  return hub ? (JSON.parse(hub.body) as { usesCheckout?: boolean }).usesCheckout === true : false;
}

/**
 * A session's roster with each participant's mark, excuse, hours attended (attendedTime(): the session's times cut
 * by their check-in and, where the hub records them, check-out; annulled check-ins left out), late arrival and
 * early exit; and every check-in made for the session, the annulled ones with who annulled them, when and why.
 */
export async function rosterAttendance(
  db: Kysely<Database>,
  session: { id: string; hub_id: string; starts_at: number; ends_at: number },
): Promise<{ roster: RosterEntry[]; checkins: SessionCheckin[]; usesCheckout: boolean }> {
  const [entries, counted, annulled, usesCheckout] = await Promise.all([
    db
      .selectFrom('report_enrolments')
      .selectAll()
      .where('session_id', '=', session.id)
      .orderBy('alias')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('report_checkins')
      .select(['id', 'card_id', 'direction', 'at'])
      .where('session_id', '=', session.id)
      .execute(),
    db.selectFrom('report_annulments').selectAll().where('session_id', '=', session.id).execute(),
    hubUsesCheckout(db, session.hub_id),
  ]);
  const events = new Map<string, PresenceEvent[]>();
  for (const c of counted) {
    if (!c.card_id) continue;
    const list = events.get(c.card_id) ?? [];
    list.push({ direction: c.direction === 'out' ? 'out' : 'in', at: Number(c.at) });
    events.set(c.card_id, list);
  }
  const times = { startsAt: Number(session.starts_at), endsAt: Number(session.ends_at) };
  const roster = entries.map((e): RosterEntry => {
    const mine = events.get(e.card_id) ?? [];
    const attended = attendedTime(times, e.attendance as AttendanceMark, mine, usesCheckout);
    return {
      cardId: e.card_id,
      alias: e.alias,
      walkIn: e.walk_in === 1,
      attendance: e.attendance as AttendanceMark,
      checkedIn: mine.some((m) => m.direction === 'in'),
      excuseReason: e.excuse_reason ?? null,
      markedBy: e.marked_by ?? null,
      ...attended,
    };
  });
  const aliasOf = new Map(entries.map((e) => [e.card_id, e.alias]));
  const checkins: SessionCheckin[] = [
    ...counted.map((c) => ({
      id: c.id,
      cardId: c.card_id,
      alias: (c.card_id && aliasOf.get(c.card_id)) || '',
      direction: c.direction,
      at: Number(c.at),
      annulment: null,
    })),
    ...annulled.map((a) => ({
      id: a.checkin_id,
      cardId: a.card_id,
      alias: (a.card_id && aliasOf.get(a.card_id)) || '',
      direction: a.direction ?? 'in',
      at: Number(a.checkin_at ?? 0),
      annulment: { annulledBy: a.annulled_by, reason: a.reason, annulledAt: Number(a.annulled_at) },
    })),
  ].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : 1));
  return { roster, checkins, usesCheckout };
}
