import type {
  Hub,
  MoveSessionInput,
  PlannedSession,
  PlannedSessionInput,
  ReplanResult,
  Series,
  SeriesInput,
  SeriesPreview,
  Session,
  SessionUser,
} from '@vigevano/protocol';
import { mayActOnHub } from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import { recordAudit, userActor } from '../audit/audit-log';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import { getDocument, listDocuments, putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { getOperation } from './operation-store';
import { expandRecurrence, sessionTimes } from './recurrence';
import { fillRosters, operationCards } from './rosters';

type Actor = Pick<SessionUser, 'id' | 'email' | 'role' | 'hubIds'>;
type SessionFields = Omit<SeriesInput, 'startsOn' | 'rule'>;

/**
 * The hub a user plans at: it must exist (404), take new things (not archived) and be one the user may act on
 * (a hub lead: their own; 403). Checked in this order so an unknown id reads as unknown to everyone.
 */
async function planningHub(db: Kysely<Database>, user: Actor, hubId: string): Promise<Hub> {
  const hub = await getDocument<Hub>(db, 'hubs', hubId);
  if (!hub) throw fieldFailure('not_found', '/hubId', 'unknown_hub', `la sede ${hubId} non esiste`);
  if (!mayActOnHub(user, hubId))
    throw fieldFailure('forbidden', '/hubId', 'not_managed', 'puoi pianificare solo nella tua sede');
  if (hub.archived)
    throw fieldFailure('validation_failed', '/hubId', 'archived_hub', `la sede «${hub.name}» è archiviata`);
  return hub;
}

/**
 * The operation a plan names, if any: it must exist and run at the hub, and every date must fall within its
 * days. Throws ApiFailure with the field it is about; returns nothing to write.
 */
async function checkOperation(
  db: Kysely<Database>,
  operationId: string | null,
  hubId: string,
  dates: readonly string[],
): Promise<void> {
  if (operationId === null) return;
  const found = await db
    .selectFrom('operations')
    .select('id')
    .where('id', '=', operationId)
    .executeTakeFirst();
  if (!found)
    throw fieldFailure(
      'not_found',
      '/operationId',
      'unknown_operation',
      `l'operazione ${operationId} non esiste`,
    );
  const operation = await getOperation(db, operationId);
  if (!operation.hubIds.includes(hubId))
    throw fieldFailure(
      'validation_failed',
      '/operationId',
      'hub_not_in_operation',
      `l'operazione «${operation.code}» non si svolge in questa sede`,
    );
  const outside = dates.find((d) => d < operation.startsOn || d > operation.endsOn);
  if (outside)
    throw fieldFailure(
      'validation_failed',
      '/operationId',
      'outside_operation',
      `il ${outside} è fuori dalle date dell'operazione «${operation.code}» (${operation.startsOn} – ${operation.endsOn})`,
    );
}

/** A planned `sessions` document from the plan's fields, at the given instants. */
function sessionDoc(
  f: SessionFields,
  id: string,
  seriesId: string | null,
  times: { startsAt: number; endsAt: number },
  now: number,
): Session {
  const doc: Session = {
    id,
    hubId: f.hubId,
    kind: f.kind,
    activity: f.activity.trim(),
    title: f.title.trim(),
    targetGroup: f.targetGroup,
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    capacity: f.capacity,
    facilitator: f.facilitator.trim(),
    status: 'planned',
    notes: '',
    room: f.room.trim(),
    updatedAt: now,
  };
  if (f.operationId) doc.operationId = f.operationId;
  if (seriesId) doc.seriesId = seriesId;
  return doc;
}

const writeSessions = (tx: Transaction<Database>, sessions: readonly Session[]) =>
  putDocuments(
    tx,
    sessions.map((s) => ({ collection: 'sessions', hubId: s.hubId, at: s.startsAt, body: s })),
  );

function seriesOf(r: Database['session_series']): Series {
  return {
    id: r.id,
    hubId: r.hub_id,
    operationId: r.operation_id,
    title: r.title,
    activity: r.activity,
    rule: r.rule,
    startsOn: r.starts_on,
    startTime: r.start_time,
    durationMinutes: Number(r.duration_minutes),
    updatedAt: Number(r.updated_at),
  };
}

function seriesRow(input: SeriesInput) {
  return {
    hub_id: input.hubId,
    operation_id: input.operationId,
    rule: input.rule.trim().replace(/^RRULE:/i, ''),
    starts_on: input.startsOn,
    start_time: input.startTime,
    duration_minutes: input.durationMinutes,
    kind: input.kind,
    activity: input.activity.trim(),
    title: input.title.trim(),
    target_group: input.targetGroup,
    capacity: input.capacity,
    facilitator: input.facilitator.trim(),
    room: input.room.trim(),
  };
}

function plannedSession(s: Session): PlannedSession {
  return {
    id: s.id,
    hubId: s.hubId,
    operationId: s.operationId ?? null,
    seriesId: s.seriesId ?? null,
    title: s.title,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    room: s.room ?? '',
    facilitator: s.facilitator,
    status: s.status,
  };
}

/** The dates a series would give, and those it skips; checks everything createSeries checks, writes nothing. */
export async function previewSeries(
  db: Kysely<Database>,
  input: SeriesInput,
  user: Actor,
): Promise<SeriesPreview> {
  const hub = await planningHub(db, user, input.hubId);
  const preview = expandRecurrence(input, hub);
  await checkOperation(
    db,
    input.operationId,
    input.hubId,
    preview.occurrences.map((o) => o.date),
  );
  return preview;
}

/**
 * Plans a series: the series row (migration 0015) and one planned `sessions` document per date, all with
 * updatedAt = the series' planned_at, with roster entries for the operation's participants; one audit entry
 * (series.create). A rule that gives no date at all is refused, as is anything previewSeries refuses.
 */
export async function createSeries(db: Kysely<Database>, input: SeriesInput, user: Actor, now = Date.now()) {
  const preview = await previewSeries(db, input, user);
  if (preview.occurrences.length === 0)
    throw fieldFailure(
      'validation_failed',
      '/rule',
      'no_dates',
      'la regola non dà nessuna data da pianificare',
    );
  return db.transaction().execute(async (tx) => {
    const id = ulid(now);
    await tx
      .insertInto('session_series')
      .values({ id, ...seriesRow(input), planned_at: now, created_at: now, updated_at: now })
      .execute();
    const sessions = preview.occurrences.map((o) => sessionDoc(input, ulid(o.startsAt), id, o, now));
    await writeSessions(tx, sessions);
    if (input.operationId) await fillRosters(tx, sessions, await operationCards(tx, input.operationId), now);
    const series = await getSeries(tx, id);
    await recordAudit(
      tx,
      {
        actor: userActor(user),
        action: 'series.create',
        target: { type: 'series', id },
        hubId: input.hubId,
        after: { ...series, sessions: sessions.length, skipped: preview.skipped.map((s) => s.date) },
      },
      now,
    );
    return { series, sessions: sessions.length, skipped: preview.skipped };
  });
}

async function getSeries(db: Kysely<Database>, id: string): Promise<Series> {
  const row = await db.selectFrom('session_series').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiFailure('not_found', `la serie ${id} non esiste`);
  return seriesOf(row);
}

/**
 * Re-plans a series after its rule or fields changed. Only future occurrences nobody has edited are moved: an
 * occurrence is untouched when it is still 'planned' and its updatedAt is still the series' planned_at (any edit,
 * on a kiosk or a move from the dashboard, writes a fresh updatedAt). Untouched ones take the new dates in order,
 * keeping their ids (and so their rosters); those left over are cancelled; new dates beyond them become new
 * sessions, except on a day that already holds an edited occurrence of the series. Past and edited occurrences
 * stay as they are. The hub of a series cannot change (plan a new series instead).
 */
export async function replanSeries(
  db: Kysely<Database>,
  seriesId: string,
  input: SeriesInput,
  user: Actor,
  now = Date.now(),
): Promise<ReplanResult> {
  const row = await db.selectFrom('session_series').selectAll().where('id', '=', seriesId).executeTakeFirst();
  if (!row) throw new ApiFailure('not_found', `la serie ${seriesId} non esiste`);
  if (!mayActOnHub(user, row.hub_id))
    throw new ApiFailure('forbidden', 'puoi pianificare solo nella tua sede');
  if (input.hubId !== row.hub_id)
    throw fieldFailure(
      'validation_failed',
      '/hubId',
      'hub_changed',
      'la sede di una serie non si cambia: pianifica una nuova serie nella nuova sede',
    );
  const hub = await planningHub(db, user, input.hubId);
  const preview = expandRecurrence(input, hub);
  const future = preview.occurrences.filter((o) => o.startsAt > now);
  await checkOperation(
    db,
    input.operationId,
    input.hubId,
    future.map((o) => o.date),
  );
  const plannedAt = Number(row.planned_at);
  const existing = (await listDocuments<Session>(db, 'sessions', { hubId: row.hub_id }))
    .filter((s) => s.seriesId === seriesId)
    .sort((a, b) => a.startsAt - b.startsAt);
  const isUntouched = (s: Session) => s.status === 'planned' && s.updatedAt === plannedAt;
  // Those the last re-plan cancelled hold no slot (they were the leftovers); any other cancelled one does, so a
  // date cancelled by hand is not planned again.
  const upcoming = existing.filter(
    (s) => s.startsAt > now && !(s.status === 'cancelled' && s.updatedAt === plannedAt),
  );
  // The stamp must be later than any earlier write of these documents, so the merge rule lets it win.
  const stamp = Math.max(now, plannedAt + 1);

  return db.transaction().execute(async (tx) => {
    // The i-th upcoming occurrence takes the i-th new date: an untouched one moves there (same id, so its roster
    // stays); an edited one keeps the day it was given, and its slot. Dates left over become new sessions;
    // untouched occurrences left over are cancelled.
    const writes: Session[] = [];
    const cancelled: Session[] = [];
    let kept = existing.length - upcoming.length;
    let replanned = 0;
    let created = 0;
    const slots = Math.max(upcoming.length, future.length);
    for (let i = 0; i < slots; i++) {
      const old = upcoming[i];
      const date = future[i];
      if (old && !isUntouched(old)) kept++;
      else if (old && date) {
        writes.push(sessionDoc(input, old.id, seriesId, date, stamp));
        replanned++;
      } else if (old) cancelled.push({ ...old, status: 'cancelled', updatedAt: stamp });
      else if (date) {
        writes.push(sessionDoc(input, ulid(date.startsAt), seriesId, date, stamp));
        created++;
      }
    }
    await writeSessions(tx, [...writes, ...cancelled]);
    if (input.operationId) await fillRosters(tx, writes, await operationCards(tx, input.operationId), stamp);
    await tx
      .updateTable('session_series')
      .set({ ...seriesRow(input), planned_at: stamp, updated_at: stamp })
      .where('id', '=', seriesId)
      .execute();
    const series = await getSeries(tx, seriesId);
    const result: ReplanResult = {
      series,
      replanned,
      kept,
      created,
      cancelled: cancelled.length,
      skipped: preview.skipped,
    };
    await recordAudit(
      tx,
      {
        actor: userActor(user),
        action: 'series.update',
        target: { type: 'series', id: seriesId },
        hubId: row.hub_id,
        before: seriesOf(row),
        after: { ...result, skipped: preview.skipped.map((s) => s.date) },
      },
      stamp,
    );
    return result;
  });
}

/** Plans one single session (session.plan), with roster entries for its operation's participants. */
export async function createSession(
  db: Kysely<Database>,
  input: PlannedSessionInput,
  user: Actor,
  now = Date.now(),
): Promise<PlannedSession> {
  const hub = await planningHub(db, user, input.hubId);
  await checkOperation(db, input.operationId, input.hubId, [input.date]);
  const times = sessionTimes(hub.timezone, input.date, input.startTime, input.durationMinutes);
  const session = sessionDoc(input, ulid(times.startsAt), null, times, now);
  return db.transaction().execute(async (tx) => {
    await writeSessions(tx, [session]);
    if (input.operationId) await fillRosters(tx, [session], await operationCards(tx, input.operationId), now);
    await recordAudit(
      tx,
      {
        actor: userActor(user),
        action: 'session.plan',
        target: { type: 'session', id: session.id },
        hubId: hub.id,
        after: plannedSession(session),
      },
      now,
    );
    return plannedSession(session);
  });
}

/** A planned session the user may change: it exists (404), is at their hub (403) and is still 'planned' (409). */
async function plannedToChange(db: Kysely<Database>, user: Actor, sessionId: string): Promise<Session> {
  const session = await getDocument<Session>(db, 'sessions', sessionId);
  if (!session) throw new ApiFailure('not_found', `la sessione ${sessionId} non esiste`);
  if (!mayActOnHub(user, session.hubId))
    throw new ApiFailure('forbidden', 'puoi pianificare solo nella tua sede');
  if (session.status !== 'planned')
    throw new ApiFailure(
      'conflict',
      `la sessione è già ${STATUS_WORDS[session.status]}: non si può più spostare o annullare`,
    );
  return session;
}

const STATUS_WORDS: Record<Session['status'], string> = {
  planned: 'pianificata',
  open: 'aperta',
  closed: 'chiusa',
  cancelled: 'annullata',
};

/**
 * Moves one planned session (session.move). The fresh updatedAt makes it "touched": re-planning its series leaves
 * it where it was put, and the sessions merge rule lets the later of a kiosk's and this edit win.
 */
export async function moveSession(
  db: Kysely<Database>,
  sessionId: string,
  input: MoveSessionInput,
  user: Actor,
  now = Date.now(),
): Promise<PlannedSession> {
  const before = await plannedToChange(db, user, sessionId);
  const hub = await planningHub(db, user, before.hubId);
  if (before.operationId) await checkOperation(db, before.operationId, before.hubId, [input.date]);
  const times = sessionTimes(hub.timezone, input.date, input.startTime, input.durationMinutes);
  const after: Session = {
    ...before,
    ...times,
    room: input.room.trim(),
    facilitator: input.facilitator.trim(),
    updatedAt: Math.max(now, before.updatedAt + 1),
  };
  return writeSessionChange(db, 'session.move', before, after, user, now);
}

/** Writes one changed session and its audit entry (`action`) in one transaction; returns it as planned. */
function writeSessionChange(
  db: Kysely<Database>,
  action: string,
  before: Session,
  after: Session,
  user: Actor,
  now: number,
): Promise<PlannedSession> {
  return db.transaction().execute(async (tx) => {
    await writeSessions(tx, [after]);
    const change = { before: plannedSession(before), after: plannedSession(after) };
    const target = { type: 'session', id: after.id };
    await recordAudit(tx, { actor: userActor(user), action, target, hubId: before.hubId, ...change }, now);
    return plannedSession(after);
  });
}

/** Cancels one planned session (status 'cancelled', session.cancel); kiosks receive it by replication. */
export async function cancelSession(
  db: Kysely<Database>,
  sessionId: string,
  user: Actor,
  now = Date.now(),
): Promise<PlannedSession> {
  const before = await plannedToChange(db, user, sessionId);
  const after: Session = { ...before, status: 'cancelled', updatedAt: Math.max(now, before.updatedAt + 1) };
  return writeSessionChange(db, 'session.cancel', before, after, user, now);
}

/** Series and dashboard-planned sessions from today on, at the hubs the user may act on. */
export async function planningOverview(db: Kysely<Database>, user: Actor, now = Date.now()) {
  const hubs = (await listDocuments<Hub>(db, 'hubs'))
    .filter((h) => !h.archived && mayActOnHub(user, h.id))
    .map((h) => ({ id: h.id, name: h.name, timezone: h.timezone }))
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
  const hubIds = new Set(hubs.map((h) => h.id));
  const series = (await db.selectFrom('session_series').selectAll().orderBy('starts_on', 'desc').execute())
    .filter((r) => hubIds.has(r.hub_id))
    .map(seriesOf);
  const sessions = (await listDocuments<Session>(db, 'sessions', { atFrom: now - 86_400_000 }))
    .filter((s) => hubIds.has(s.hubId) && (s.seriesId || s.operationId))
    .sort((a, b) => a.startsAt - b.startsAt)
    .slice(0, 500)
    .map(plannedSession);
  const operations = (
    await db.selectFrom('operations').select(['id', 'code', 'name']).orderBy('code').execute()
  ).map((o) => ({ id: o.id, code: o.code, name: o.name }));
  return { series, sessions, hubs, operations };
}
