import {
  AUDIT_PAGE_DEFAULT,
  type AuditPage,
  type AuditQuery,
  addLocalDays,
  CITY_TIME_ZONE,
  type Hub,
  startOfLocalDay,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ApiFailure } from '../http/api-failure';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';

/** Midday UTC of a calendar day: inside that local day in the city's zone (UTC+1 or +2), whatever the season. */
const middayOf = (day: string) => Date.parse(`${day}T12:00:00Z`);

/** [from, to) in epoch ms for the local days of the query (Europe/Rome), either end open when not given. */
function timeRange(query: AuditQuery): { start?: number; end?: number } {
  if (query.from && query.to && query.from > query.to)
    throw new ApiFailure('validation_failed', 'la data di inizio deve venire prima della data di fine', [
      { path: '/from', message: 'dopo la data di fine' },
    ]);
  return {
    start: query.from ? startOfLocalDay(CITY_TIME_ZONE, middayOf(query.from)) : undefined,
    end: query.to ? addLocalDays(CITY_TIME_ZONE, middayOf(query.to), 1) : undefined,
  };
}

const parsed = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/**
 * One page of the audit log, newest first (by entry id: a ULID, whose time part is the entry's `at`), with the
 * query's filters: `actor` (actor id), `action`, `targetType`, `hub` (the hub an entry concerns), `from`/`to`
 * (local days, inclusive). `before` continues after the last entry of the previous page: entries written since
 * do not shift the pages. Answers also the filters' choices (every actor, action and target type in the log).
 * Throws ApiFailure validation_failed when `from` is after `to`.
 */
export async function auditPage(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  const { start, end } = timeRange(query);
  const limit = query.limit ?? AUDIT_PAGE_DEFAULT;
  let select = db.selectFrom('audit_log').selectAll();
  if (query.actor) select = select.where('actor_id', '=', query.actor);
  if (query.action) select = select.where('action', '=', query.action);
  if (query.targetType) select = select.where('target_type', '=', query.targetType);
  if (query.hub) select = select.where('hub_id', '=', query.hub);
  if (start !== undefined) select = select.where('at', '>=', start);
  if (end !== undefined) select = select.where('at', '<', end);
  if (query.before) select = select.where('id', '<', query.before);
  const [rows, hubs, actors, actions, targetTypes] = await Promise.all([
    select
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute(),
    listDocuments<Hub>(db, 'hubs'),
    db
      .selectFrom('audit_log')
      .select(['actor_id', (eb) => eb.fn.max('actor_label').as('label')])
      .groupBy('actor_id')
      .execute(),
    db.selectFrom('audit_log').select('action').distinct().execute(),
    db.selectFrom('audit_log').select('target_type').distinct().execute(),
  ]);
  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: Number(r.at),
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      hubId: r.hub_id,
      hubName: r.hub_id ? (hubName.get(r.hub_id) ?? null) : null,
      before: parsed(r.before_json),
      after: parsed(r.after_json),
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    options: {
      actors: actors
        .map((a) => ({ id: a.actor_id, label: String(a.label) }))
        .sort((a, b) => a.label.localeCompare(b.label, 'it')),
      actions: actions.map((a) => a.action).sort(),
      targetTypes: targetTypes.map((t) => t.target_type).sort(),
      hubs: hubs.map((h) => ({ id: h.id, name: h.name })).sort((a, b) => a.name.localeCompare(b.name, 'it')),
    },
  };
}
