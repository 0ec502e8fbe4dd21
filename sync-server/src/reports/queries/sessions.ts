import {
  type ActivitySummary,
  accessAreaOf,
  SESSION_NOTES,
  type SessionReportRow,
  type SessionRoster,
  type SessionsQuery,
  type SessionsReport,
  type SessionUser,
  sessionsReportRoutes,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ApiFailure } from '../../http/api-failure';
import type { Database } from '../../store/schema';
import { checkHubExists, hubOptions, reportHub, visibleHubs } from '../scope';
import { checkRange } from './range';
import { rosterAttendance } from './roster-attendance';

const LIMIT = 300;

/** Rosters name people (by alias): whoever the access table lets call the roster route (packages/protocol ACCESS). */
const canSeeRoster = (user: SessionUser) =>
  accessAreaOf(sessionsReportRoutes.roster.path)?.roles.includes(user.role) ?? false;
const canSeeNotes = (user: SessionUser) => SESSION_NOTES.includes(user.role);

const isHeld = (s: { status: string; ends_at: number }, now: number) =>
  s.status === 'closed' || (s.status === 'open' && s.ends_at <= now);

type Row = Database['report_sessions'];

function toReportRow(s: Row, hubName: Map<string, string>, notes: boolean): SessionReportRow {
  return {
    id: s.id,
    hubId: s.hub_id,
    hubName: hubName.get(s.hub_id) ?? s.hub_id,
    activity: s.activity,
    title: s.title,
    kind: s.kind,
    targetGroup: s.target_group,
    startsAt: Number(s.starts_at),
    endsAt: Number(s.ends_at),
    status: s.status,
    facilitator: s.facilitator,
    capacity: s.capacity,
    enrolled: s.enrolled,
    present: s.present,
    checkins: s.checkins,
    ...(notes ? { notes: s.notes } : {}),
  };
}

/** Per course or activity: sessions held, planned and cancelled, enrolment and attendance; and the sessions. */
export async function sessionsReport(
  db: Kysely<Database>,
  user: SessionUser,
  q: SessionsQuery,
  now = Date.now(),
): Promise<SessionsReport> {
  checkRange(q.from, q.to);
  const hubs = await visibleHubs(db, user);
  const hub = reportHub(user, q.hub);
  checkHubExists(hubs, hub);
  let query = db
    .selectFrom('report_sessions')
    .selectAll()
    .where('day', '>=', q.from)
    .where('day', '<=', q.to);
  if (hub) query = query.where('hub_id', '=', hub);
  if (q.activity) query = query.where('activity', '=', q.activity);
  // The activity filter's options: every activity of the range (not only the chosen one).
  let optionsQuery = db
    .selectFrom('report_sessions')
    .select('activity')
    .distinct()
    .where('day', '>=', q.from)
    .where('day', '<=', q.to);
  if (hub) optionsQuery = optionsQuery.where('hub_id', '=', hub);
  const [rows, options] = await Promise.all([
    // sessions starting together in the same order on every store and after a restore (the table's order is not)
    query.orderBy('starts_at', 'desc').orderBy('id').execute(),
    optionsQuery.execute(),
  ]);

  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  const byActivity = new Map<string, ActivitySummary & { key: string }>();
  for (const s of rows) {
    const key = `${s.hub_id}\u001f${s.activity}`;
    const a =
      byActivity.get(key) ??
      ({
        key,
        activity: s.activity,
        hubId: s.hub_id,
        hubName: hubName.get(s.hub_id) ?? s.hub_id,
        targetGroup: s.target_group,
        held: 0,
        planned: 0,
        cancelled: 0,
        enrolled: 0,
        present: 0,
        attendanceRate: null,
        checkins: 0,
      } as ActivitySummary & { key: string });
    if (s.status === 'cancelled') a.cancelled += 1;
    else if (isHeld({ status: s.status, ends_at: Number(s.ends_at) }, now)) {
      a.held += 1;
      a.enrolled += s.enrolled;
      a.present += s.present;
      a.checkins += s.checkins;
    } else a.planned += 1;
    byActivity.set(key, a);
  }
  const activities = [...byActivity.values()]
    .map(({ key: _key, ...a }) => ({ ...a, attendanceRate: a.enrolled > 0 ? a.present / a.enrolled : null }))
    .sort((a, b) => a.hubName.localeCompare(b.hubName, 'it') || a.activity.localeCompare(b.activity, 'it'));
  return {
    query: { from: q.from, to: q.to, hub, activity: q.activity ?? null },
    activities,
    sessions: rows.slice(0, LIMIT).map((s) => toReportRow(s, hubName, canSeeNotes(user))),
    limit: LIMIT,
    canSeeRoster: canSeeRoster(user),
    canSeeNotes: canSeeNotes(user),
    hubs: hubOptions(hubs),
    activityOptions: options.map((o) => o.activity).sort((a, b) => a.localeCompare(b, 'it')),
  };
}

/** One session's roster, with who checked in for it. */
export async function sessionRoster(
  db: Kysely<Database>,
  user: SessionUser,
  sessionId: string,
): Promise<SessionRoster> {
  if (!canSeeRoster(user))
    throw new ApiFailure('forbidden', 'il tuo ruolo non permette di vedere gli elenchi dei partecipanti');
  const session = await db
    .selectFrom('report_sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!session) throw new ApiFailure('not_found', `l'attività ${sessionId} non esiste`);
  reportHub(user, session.hub_id);
  const hubs = await visibleHubs(db, user);
  const { roster, checkins, usesCheckout } = await rosterAttendance(db, session);
  return {
    session: toReportRow(session, new Map(hubs.map((h) => [h.id, h.name])), true),
    roster,
    usesCheckout,
    checkins,
  };
}
