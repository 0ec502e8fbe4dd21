import {
  type AttendanceMark,
  attendedTime,
  mayActOnHub,
  type OperationHours,
  type OperationHoursRow,
  type PresenceEvent,
  type Session,
  type SessionUser,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ApiFailure } from '../../http/api-failure';
import type { Database } from '../../store/schema';
import { chunks } from '../delta';
import { hubUsesCheckout } from './roster-attendance';

/**
 * Each participant's attendance over the sessions of a funded operation (issue 18, item 4): sessions on their
 * roster, present / excused / absent, late arrivals and early exits, minutes attended (attendedTime() per session,
 * annulled check-ins left out) and their share of the operation's planned minutes (operations.planned_minutes).
 * A participant is a card on the rosters; a hub lead sees the sessions of their own hubs only.
 * Throws ApiFailure not_found for an unknown operation, forbidden when none of its hubs is the hub lead's.
 */
export async function operationHours(
  db: Kysely<Database>,
  user: SessionUser,
  operationId: string,
): Promise<OperationHours> {
  const operation = await db
    .selectFrom('operations')
    .selectAll()
    .where('id', '=', operationId)
    .executeTakeFirst();
  if (!operation) throw new ApiFailure('not_found', `l'operazione ${operationId} non esiste`);
  const hubIds = (
    await db.selectFrom('operation_hubs').select('hub_id').where('operation_id', '=', operationId).execute()
  )
    .map((h) => h.hub_id)
    .filter((hub) => mayActOnHub(user, hub));
  if (hubIds.length === 0 && user.role === 'hub_lead')
    throw new ApiFailure('forbidden', 'puoi vedere solo le operazioni dei tuoi hub');
  // Sessions name their operation in the document (sessions.operationId); those of its hubs are read.
  const sessionDocs =
    hubIds.length === 0
      ? []
      : await db
          .selectFrom('documents')
          .select('body')
          .where('collection', '=', 'sessions')
          .where('deleted', '=', 0)
          .where('hub_id', 'in', hubIds)
          .execute();
  const sessions = sessionDocs
    .map((d) => JSON.parse(d.body) as Session)
    .filter((s) => s.operationId === operationId && s.status !== 'cancelled');
  const ids = sessions.map((s) => s.id);
  const checkout = new Map<string, boolean>();
  for (const hub of hubIds) checkout.set(hub, await hubUsesCheckout(db, hub));
  const entries: Database['report_enrolments'][] = [];
  const events = new Map<string, PresenceEvent[]>();
  for (const part of chunks(ids)) {
    entries.push(
      ...(await db.selectFrom('report_enrolments').selectAll().where('session_id', 'in', part).execute()),
    );
    for (const c of await db
      .selectFrom('report_checkins')
      .select(['session_id', 'card_id', 'direction', 'at'])
      .where('session_id', 'in', part)
      .execute()) {
      if (!c.card_id || !c.session_id) continue;
      const key = `${c.session_id}:${c.card_id}`;
      const list = events.get(key) ?? [];
      list.push({ direction: c.direction === 'out' ? 'out' : 'in', at: Number(c.at) });
      events.set(key, list);
    }
  }
  const sessionOf = new Map(sessions.map((s) => [s.id, s]));
  const planned = Number(operation.planned_minutes);
  const rows = new Map<string, OperationHoursRow>();
  for (const e of entries) {
    const s = sessionOf.get(e.session_id);
    if (!s) continue;
    const row = rows.get(e.card_id) ?? {
      cardId: e.card_id,
      alias: e.alias,
      sessions: 0,
      present: 0,
      excused: 0,
      absent: 0,
      late: 0,
      leftEarly: 0,
      minutes: 0,
      share: null,
    };
    const t = attendedTime(
      s,
      e.attendance as AttendanceMark,
      events.get(`${e.session_id}:${e.card_id}`) ?? [],
      checkout.get(s.hubId) ?? false,
    );
    row.sessions += 1;
    if (t.minutes > 0 || e.attendance === 'present') row.present += 1;
    else if (e.attendance === 'excused') row.excused += 1;
    else if (e.attendance === 'absent') row.absent += 1;
    if (t.late) row.late += 1;
    if (t.leftEarly) row.leftEarly += 1;
    row.minutes += t.minutes;
    row.share = planned > 0 ? row.minutes / planned : null;
    rows.set(e.card_id, row);
  }
  return {
    operation: { id: operation.id, code: operation.code, name: operation.name, plannedMinutes: planned },
    participants: [...rows.values()].sort(
      (a, b) => a.alias.localeCompare(b.alias, 'it') || a.cardId.localeCompare(b.cardId),
    ),
  };
}
