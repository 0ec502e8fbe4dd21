import {
  type AttendanceBreakdownRow,
  type AttendanceQuery,
  type AttendanceReport,
  type Granularity,
  NO_ACTIVITY_LABEL,
  type SessionUser,
  TARGET_GROUP_LABEL,
  TARGET_GROUPS,
} from '@vigevano/protocol';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { type PeriodKind, periodsBetween } from '../calendar';
import { checkHubExists, hubKey, hubOptions, reportHub, visibleHubs } from '../scope';
import { countDuplicates } from './duplicates';
import { checkRange, wholePeriods } from './range';

const KIND: Record<Granularity, PeriodKind> = { day: 'd', week: 'w', month: 'm' };
const COLUMN = { d: 'day', w: 'week', m: 'month' } as const;

/**
 * Attendance over a range: check-ins and distinct visitors per period (exact, from the pre-aggregated counters),
 * breakdowns by hub, target group and activity, and the hour-of-week heatmap of each hub.
 */
export async function attendanceReport(
  db: Kysely<Database>,
  user: SessionUser,
  q: AttendanceQuery,
): Promise<AttendanceReport> {
  checkRange(q.from, q.to);
  const granularity = q.granularity ?? 'week';
  const kind = KIND[granularity];
  const hubs = await visibleHubs(db, user);
  const hub = reportHub(user, q.hub);
  checkHubExists(hubs, hub);
  const targetGroup = q.targetGroup ?? null;
  const activity = q.activity ?? null;
  const { from, to } = wholePeriods(kind, q.from, q.to);
  const column = COLUMN[kind];

  const daily = () => {
    let query = db.selectFrom('report_daily').where('day', '>=', from).where('day', '<=', to);
    if (hub) query = query.where('hub_id', '=', hub);
    return query;
  };
  const narrowed = (query: ReturnType<typeof daily>) => {
    let out = query;
    if (targetGroup !== null) out = out.where('target_group', '=', targetGroup);
    if (activity !== null) out = out.where('activity', '=', activity);
    return out;
  };
  const sums = (eb: ExpressionBuilder<Database, 'report_daily'>) => [
    eb.fn.sum<number>('checkins').as('checkins'),
    eb.fn.sum<number>('guests').as('guests'),
    eb.fn.sum<number>('visitor_days').as('visitor_days'),
  ];
  const facet = activity !== null ? `act:${activity}` : targetGroup !== null ? `tg:${targetGroup}` : 'all';
  const periods = periodsBetween(kind, from, to);

  const [seriesRows, visitorRows, byHub, byGroup, byActivity, heat, activities, duplicates] =
    await Promise.all([
      narrowed(daily())
        .select((eb) => [eb.ref(column).as('period'), ...sums(eb)])
        .groupBy(column)
        .execute(),
      db
        .selectFrom('report_visitor_counts')
        .select(['period', 'visitors', 'new_visitors'])
        .where('kind', '=', kind)
        .where('hub_id', '=', hubKey(hub))
        .where('facet', '=', facet)
        .where('period', '>=', periods[0] as string)
        .where('period', '<=', periods[periods.length - 1] as string)
        .execute(),
      narrowed(daily())
        .select((eb) => ['hub_id as key', ...sums(eb)])
        .groupBy('hub_id')
        .execute(),
      narrowed(daily())
        .select((eb) => ['target_group as key', ...sums(eb)])
        .groupBy('target_group')
        .execute(),
      narrowed(daily())
        .select((eb) => ['activity as key', ...sums(eb)])
        .groupBy('activity')
        .execute(),
      (hub ? db.selectFrom('report_hourly').where('hub_id', '=', hub) : db.selectFrom('report_hourly'))
        .select((eb) => ['hub_id', 'weekday', 'hour', eb.fn.sum<number>('checkins').as('checkins')])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy(['hub_id', 'weekday', 'hour'])
        .execute(),
      // The activity filter's options: every activity of the range (not narrowed by the filters themselves).
      daily().select('activity').distinct().where('activity', '<>', '').execute(),
      countDuplicates(db, { from, to, hub, targetGroup, activity }),
    ]);

  const counts = new Map(seriesRows.map((r) => [r.period, r]));
  const visitors = new Map(visitorRows.map((r) => [r.period, r]));
  const series = periods.map((period) => {
    const c = counts.get(period);
    const v = visitors.get(period);
    const total = Number(v?.visitors ?? 0);
    const fresh = facet === 'all' ? Number(v?.new_visitors ?? 0) : null;
    return {
      period,
      checkins: Number(c?.checkins ?? 0),
      guests: Number(c?.guests ?? 0),
      visitors: total,
      newVisitors: fresh,
      returningVisitors: fresh === null ? null : total - fresh,
      visitorDays: Number(c?.visitor_days ?? 0),
    };
  });

  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  const rows = (
    list: Array<{ key: string; checkins: unknown; guests: unknown; visitor_days: unknown }>,
    label: (k: string) => string,
  ) =>
    list
      .map(
        (r): AttendanceBreakdownRow => ({
          key: r.key,
          label: label(r.key),
          checkins: Number(r.checkins ?? 0),
          guests: Number(r.guests ?? 0),
          visitorDays: Number(r.visitor_days ?? 0),
        }),
      )
      .filter((r) => r.checkins > 0)
      .sort((a, b) => b.checkins - a.checkins || a.label.localeCompare(b.label, 'it'));

  const heatmaps = hubs
    .filter((h) => !hub || h.id === hub)
    .map((h) => ({
      hubId: h.id,
      hubName: h.name,
      cells: heat
        .filter((c) => c.hub_id === h.id)
        .map((c) => ({ weekday: c.weekday, hour: c.hour, checkins: Number(c.checkins) }))
        .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
    }));

  return {
    query: { from, to, granularity, hub, targetGroup, activity },
    series,
    byHub: rows(byHub as never, (k) => hubName.get(k) ?? k),
    byTargetGroup: rows(byGroup as never, (k) => TARGET_GROUP_LABEL[k] ?? k),
    byActivity: rows(byActivity as never, (k) => (k === '' ? NO_ACTIVITY_LABEL : k)),
    duplicates,
    heatmaps,
    options: {
      hubs: hubOptions(hubs),
      activities: activities.map((a) => a.activity).sort((a, b) => a.localeCompare(b, 'it')),
      targetGroups: [...TARGET_GROUPS],
    },
  };
}
