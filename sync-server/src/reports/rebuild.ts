import { ESF_LINES } from '@vigevano/protocol';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema';
import { markAllDuplicatesStatement } from './duplicates';
import { esfCondition } from './esf-sql';

/** The pre-aggregated tables, all derived from report_checkins, report_sessions/enrolments and people. */
export const AGGREGATE_TABLES = [
  'report_visitor_days',
  'report_daily',
  'report_hourly',
  'report_visitor_counts',
  'report_visitors',
  'report_flows',
  'report_esf',
] as const;

/**
 * Marks the duplicate entries again (duplicates.ts) and recomputes every aggregate from the projected check-ins
 * that count, in plain SQL (GROUP BY, COUNT DISTINCT and a LAG window, the same text on SQLite and PostgreSQL). Used to fill the tables in bulk (an existing database, the benchmark's
 * ten million check-ins) and, in tests, as the independent oracle the incremental projectors must agree with (for ESF+, both apply the
 * rules of the one table ESF_LINES, one in SQL and one in TypeScript).
 */
export async function rebuildAggregates(db: Kysely<Database>): Promise<void> {
  const run = async (tx: Kysely<Database>) => {
    for (const table of AGGREGATE_TABLES) await tx.deleteFrom(table).execute();
    await markAllDuplicatesStatement().execute(tx);
    for (const statement of rebuildStatements()) await statement.execute(tx);
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

function rebuildStatements() {
  const s = [
    sql`INSERT INTO report_visitor_days (visitor_id, day, hub_id, activity, target_group, week, month, first_at, checkins)
      SELECT visitor_id, day, hub_id, activity, target_group, MIN(week), MIN(month), MIN(at), COUNT(*)
      FROM report_checkins WHERE visitor_id IS NOT NULL AND direction = 'in' AND duplicate = 0
      GROUP BY visitor_id, day, hub_id, activity, target_group`,
    sql`INSERT INTO report_daily (day, week, month, hub_id, activity, target_group, checkins, guests, visitor_days)
      SELECT day, MIN(week), MIN(month), hub_id, activity, target_group, SUM(c), SUM(g), SUM(vd) FROM (
        SELECT day, week, month, hub_id, activity, target_group, 1 AS c,
          CASE WHEN visitor_id IS NULL THEN 1 ELSE 0 END AS g, 0 AS vd
        FROM report_checkins WHERE direction = 'in' AND duplicate = 0
        UNION ALL
        SELECT day, week, month, hub_id, activity, target_group, 0, 0, 1 FROM report_visitor_days
      ) x GROUP BY day, hub_id, activity, target_group`,
    sql`INSERT INTO report_hourly (day, hub_id, hour, weekday, checkins)
      SELECT day, hub_id, hour, MIN(weekday), COUNT(*) FROM report_checkins WHERE direction = 'in' AND duplicate = 0
      GROUP BY day, hub_id, hour`,
  ];
  for (const [kind, column] of [
    ['d', 'day'],
    ['w', 'week'],
    ['m', 'month'],
  ] as const) {
    const period = sql.ref(column);
    for (const [hub, facet] of [
      [sql.ref('hub_id'), sql`'all'`],
      [sql`'*'`, sql`'all'`],
      [sql.ref('hub_id'), sql`'tg:' || target_group`],
      [sql`'*'`, sql`'tg:' || target_group`],
      [sql.ref('hub_id'), sql`'act:' || activity`],
      [sql`'*'`, sql`'act:' || activity`],
    ] as const) {
      s.push(sql`INSERT INTO report_visitor_counts (kind, hub_id, facet, period, visitors, new_visitors)
        SELECT ${sql.lit(kind)}, h, f, p, COUNT(DISTINCT visitor_id), 0 FROM (
          SELECT visitor_id, ${hub} AS h, ${facet} AS f, ${period} AS p FROM report_visitor_days
        ) x GROUP BY h, f, p`);
    }
    // Visitors at two or more hubs within the period: for the city, and for each hub they visited.
    s.push(sql`INSERT INTO report_visitor_counts (kind, hub_id, facet, period, visitors, new_visitors)
      SELECT ${sql.lit(kind)}, '*', 'multi', p, COUNT(*), 0 FROM (
        SELECT visitor_id, ${period} AS p FROM report_visitor_days GROUP BY visitor_id, ${period}
        HAVING COUNT(DISTINCT hub_id) >= 2
      ) x GROUP BY p`);
    s.push(sql`INSERT INTO report_visitor_counts (kind, hub_id, facet, period, visitors, new_visitors)
      SELECT ${sql.lit(kind)}, v.hub_id, 'multi', v.${period}, COUNT(DISTINCT v.visitor_id), 0
      FROM report_visitor_days v JOIN (
        SELECT visitor_id, ${period} AS p FROM report_visitor_days GROUP BY visitor_id, ${period}
        HAVING COUNT(DISTINCT hub_id) >= 2
      ) m ON m.visitor_id = v.visitor_id AND m.p = v.${period}
      GROUP BY v.hub_id, v.${period}`);
    // New visitors: the period of each visitor's first day, per hub and for the city (MIN of a period key is the
    // period of the first day: keys sort like days).
    for (const [hub, groupBy] of [
      [sql.ref('hub_id'), sql`visitor_id, hub_id`],
      [sql`'*'`, sql`visitor_id`],
    ] as const)
      s.push(sql`INSERT INTO report_visitor_counts (kind, hub_id, facet, period, visitors, new_visitors)
        SELECT ${sql.lit(kind)}, h, 'all', p, 0, COUNT(*) FROM (
          SELECT ${hub} AS h, MIN(${period}) AS p FROM report_visitor_days GROUP BY ${groupBy}
        ) x WHERE true GROUP BY h, p
        ON CONFLICT (kind, hub_id, facet, period) DO UPDATE SET new_visitors = excluded.new_visitors`);
  }
  s.push(sql`INSERT INTO report_visitors (visitor_id, first_day, last_day, days, hubs, checkins)
    SELECT visitor_id, MIN(day), MAX(day), COUNT(DISTINCT day), COUNT(DISTINCT hub_id), SUM(checkins)
    FROM report_visitor_days GROUP BY visitor_id`);
  // All time (kind 'a', period ''): visitors per hub and for the city, and those seen at two or more hubs.
  s.push(sql`INSERT INTO report_visitor_counts (kind, hub_id, facet, period, visitors, new_visitors)
    SELECT 'a', hub_id, 'all', '', COUNT(DISTINCT visitor_id), 0 FROM report_visitor_days GROUP BY hub_id`);
  s.push(sql`INSERT INTO report_visitor_counts (kind, hub_id, facet, period, visitors, new_visitors)
    SELECT 'a', '*', 'all', '', COUNT(DISTINCT visitor_id), 0 FROM report_visitor_days WHERE true`);
  s.push(sql`INSERT INTO report_visitor_counts (kind, hub_id, facet, period, visitors, new_visitors)
    SELECT 'a', '*', 'multi', '', COUNT(*), 0 FROM report_visitors WHERE hubs >= 2 HAVING COUNT(*) > 0`);
  s.push(sql`INSERT INTO report_visitor_counts (kind, hub_id, facet, period, visitors, new_visitors)
    SELECT 'a', d.hub_id, 'multi', '', COUNT(DISTINCT d.visitor_id), 0
    FROM report_visitor_days d JOIN report_visitors r ON r.visitor_id = d.visitor_id AND r.hubs >= 2
    GROUP BY d.hub_id`);
  s.push(sql`INSERT INTO report_flows (day, from_hub, to_hub, moves)
    SELECT day, prev_hub, hub_id, COUNT(*) FROM (
      SELECT day, hub_id, LAG(hub_id) OVER (PARTITION BY visitor_id ORDER BY day, first_at, hub_id) AS prev_hub
      FROM (
        SELECT visitor_id, day, hub_id, MIN(first_at) AS first_at FROM report_visitor_days
        GROUP BY visitor_id, day, hub_id
      ) t
    ) x WHERE prev_hub IS NOT NULL AND prev_hub <> hub_id GROUP BY day, prev_hub, hub_id`);

  // ESF+: one participant per visitor, year and hub (and for the city), under each recorded value.
  const members = sql`(
    SELECT DISTINCT visitor_id, SUBSTR(day, 1, 4) AS y, hub_id AS h FROM report_visitor_days
    UNION SELECT DISTINCT visitor_id, SUBSTR(day, 1, 4), '*' FROM report_visitor_days
  )`;
  // One INSERT per line of the ESF+ table, its rule turned into SQL (esf-sql.ts): the same rules the projectors
  // apply in TypeScript.
  for (const line of ESF_LINES)
    s.push(sql`INSERT INTO report_esf (year, hub_id, indicator, value, participants)
      SELECT m.y, m.h, ${sql.lit(line.indicator)}, ${sql.lit(line.value)}, COUNT(*)
      FROM ${members} m LEFT JOIN people p ON p.visitor_id = m.visitor_id
      WHERE ${esfCondition(line.rule)}
      GROUP BY m.y, m.h`);
  return s;
}
