import { sql, type Transaction } from 'kysely';
import { bulkInsert } from '../store/bulk-insert';
import type { Database } from '../store/schema';
import { contributionOf, key, type PersonTraits, type VisitRow } from './contributions';
import { chunks, type ReportDelta } from './delta';

/** The ESF+ traits of these visitors' personal data (visitors without any are absent from the map). */
export async function loadTraits(
  tx: Transaction<Database>,
  visitorIds: readonly string[],
): Promise<Map<string, PersonTraits>> {
  const out = new Map<string, PersonTraits>();
  for (const part of chunks([...visitorIds])) {
    const people = await tx
      .selectFrom('people')
      .select(['visitor_id', 'birth_year', 'gender', 'employment', 'education', 'disadvantaged_recorded'])
      .where('visitor_id', 'in', part)
      .execute();
    if (people.length === 0) continue;
    const groups = await tx
      .selectFrom('person_disadvantages')
      .select(['visitor_id', 'grp'])
      .where('visitor_id', 'in', part)
      .orderBy('grp')
      .execute();
    for (const p of people)
      out.set(p.visitor_id, {
        birth_year: p.birth_year,
        gender: p.gender,
        employment: p.employment,
        education: p.education,
        disadvantaged: p.disadvantaged_recorded
          ? groups.filter((g) => g.visitor_id === p.visitor_id).map((g) => g.grp)
          : null,
      });
  }
  return out;
}

const SUMMARY_COLUMNS = ['visitor_id', 'first_day', 'last_day', 'days', 'hubs', 'checkins'] as const;
const SUMMARY_INTEGERS = ['days', 'hubs', 'checkins'] as const;

const rowKey = (r: VisitRow) => key(r.day, r.hub_id, r.activity, r.target_group);

/**
 * Brings these visitors' visit rows and every aggregate they feed in line with their check-ins in
 * report_checkins (already updated by the caller in this transaction; entries marked duplicate left out):
 * before/after contributions, difference
 * into `delta`. On PostgreSQL the summary row is locked first, so two pushes about one visitor take turns.
 */
export async function recomputeVisitors(
  tx: Transaction<Database>,
  visitorIds: Iterable<string>,
  delta: ReportDelta,
): Promise<void> {
  const ids = [...new Set(visitorIds)].sort();
  if (ids.length === 0) return;
  for (const part of chunks(ids))
    await bulkInsert(tx, {
      table: 'report_visitors',
      rows: part.map((visitor_id) => ({
        visitor_id,
        first_day: '',
        last_day: '',
        days: 0,
        hubs: 0,
        checkins: 0,
      })),
      columns: SUMMARY_COLUMNS,
      integers: SUMMARY_INTEGERS,
      tail: sql`ON CONFLICT (visitor_id) DO UPDATE SET checkins = report_visitors.checkins`,
    });
  const traits = await loadTraits(tx, ids);
  for (const part of chunks(ids, 200)) {
    const beforeRows = await tx
      .selectFrom('report_visitor_days')
      .selectAll()
      .where('visitor_id', 'in', part)
      .execute();
    const afterRows = await tx
      .selectFrom('report_checkins')
      .select((eb) => [
        'visitor_id',
        'day',
        'hub_id',
        'activity',
        'target_group',
        eb.fn.min('week').as('week'),
        eb.fn.min('month').as('month'),
        eb.fn.min('at').as('first_at'),
        eb.fn.countAll<number>().as('checkins'),
      ])
      .where('visitor_id', 'in', part)
      .where('direction', '=', 'in')
      .where('duplicate', '=', 0)
      .groupBy(['visitor_id', 'day', 'hub_id', 'activity', 'target_group'])
      .execute();
    const byVisitor = (rows: Array<VisitRow & { visitor_id: string | null }>) => {
      const m = new Map<string, VisitRow[]>();
      for (const r of rows) {
        const list = m.get(r.visitor_id as string) ?? [];
        list.push({ ...r, first_at: Number(r.first_at), checkins: Number(r.checkins) });
        m.set(r.visitor_id as string, list);
      }
      return m;
    };
    const before = byVisitor(beforeRows);
    const after = byVisitor(afterRows as Array<VisitRow & { visitor_id: string | null }>);
    const writes: VisitWrites = { upserts: [], deletes: [], summaries: [], gone: [] };
    for (const visitorId of part) {
      const was = before.get(visitorId) ?? [];
      const now = after.get(visitorId) ?? [];
      const person = traits.get(visitorId) ?? null;
      delta.visitor(contributionOf(was, person), contributionOf(now, person));
      planVisitRows(visitorId, was, now, writes);
    }
    await writeVisitRows(tx, writes);
  }
}

interface VisitWrites {
  upserts: Database['report_visitor_days'][];
  deletes: Database['report_visitor_days'][];
  summaries: Database['report_visitors'][];
  gone: string[];
}

/** What changes in a visitor's rows: new or changed rows, rows gone, and the summary row. */
function planVisitRows(visitorId: string, was: VisitRow[], now: VisitRow[], writes: VisitWrites): void {
  const old = new Map(was.map((r) => [rowKey(r), r]));
  const fresh = new Map(now.map((r) => [rowKey(r), r]));
  const row = (r: VisitRow) => ({
    visitor_id: visitorId,
    day: r.day,
    hub_id: r.hub_id,
    activity: r.activity,
    target_group: r.target_group,
    week: r.week,
    month: r.month,
    first_at: r.first_at,
    checkins: r.checkins,
  });
  for (const [k, r] of fresh) {
    const o = old.get(k);
    if (!o || o.first_at !== r.first_at || o.checkins !== r.checkins) writes.upserts.push(row(r));
  }
  for (const [k, r] of old) if (!fresh.has(k)) writes.deletes.push(row(r));
  if (now.length === 0) {
    writes.gone.push(visitorId);
    return;
  }
  const days = [...new Set(now.map((r) => r.day))].sort();
  writes.summaries.push({
    visitor_id: visitorId,
    first_day: days[0] as string,
    last_day: days[days.length - 1] as string,
    days: days.length,
    hubs: new Set(now.map((r) => r.hub_id)).size,
    checkins: now.reduce((n, r) => n + r.checkins, 0),
  });
}

/** Writes the planned rows with a few multi-row statements (a push touches many visitors at once). */
async function writeVisitRows(tx: Transaction<Database>, writes: VisitWrites): Promise<void> {
  for (const part of chunks(writes.upserts))
    await bulkInsert(tx, {
      table: 'report_visitor_days',
      rows: part,
      columns: [
        'visitor_id',
        'day',
        'hub_id',
        'activity',
        'target_group',
        'week',
        'month',
        'first_at',
        'checkins',
      ],
      integers: ['first_at', 'checkins'],
      tail: sql`ON CONFLICT (visitor_id, day, hub_id, activity, target_group)
        DO UPDATE SET first_at = excluded.first_at, checkins = excluded.checkins`,
    });
  for (const r of writes.deletes)
    await tx
      .deleteFrom('report_visitor_days')
      .where('visitor_id', '=', r.visitor_id)
      .where('day', '=', r.day)
      .where('hub_id', '=', r.hub_id)
      .where('activity', '=', r.activity)
      .where('target_group', '=', r.target_group)
      .execute();
  for (const part of chunks(writes.summaries))
    await bulkInsert(tx, {
      table: 'report_visitors',
      rows: part,
      columns: SUMMARY_COLUMNS,
      integers: SUMMARY_INTEGERS,
      tail: sql`ON CONFLICT (visitor_id) DO UPDATE SET first_day = excluded.first_day,
        last_day = excluded.last_day, days = excluded.days, hubs = excluded.hubs, checkins = excluded.checkins`,
    });
  for (const part of chunks(writes.gone))
    await tx.deleteFrom('report_visitors').where('visitor_id', 'in', part).execute();
}

/** A visitor's personal data changed (recorded, corrected, erased): ESF+ counts move from old to new traits. */
export async function applyTraitsChange(
  tx: Transaction<Database>,
  visitorId: string,
  before: PersonTraits | null,
  after: PersonTraits | null,
  delta: ReportDelta,
): Promise<void> {
  const rows = await tx
    .selectFrom('report_visitor_days')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .execute();
  const visits = rows.map((r) => ({ ...r, first_at: Number(r.first_at) }));
  delta.visitor(contributionOf(visits, before), contributionOf(visits, after));
}
