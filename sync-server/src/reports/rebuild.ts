import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema';
import { markAllDuplicatesStatement } from './duplicates';

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
 * ten million check-ins) and, in tests, as the independent oracle the incremental projectors must agree with.
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
  const esf = (indicator: string, value: ReturnType<typeof sql>) =>
    sql`INSERT INTO report_esf (year, hub_id, indicator, value, participants)
      SELECT y, h, ${sql.lit(indicator)}, v, COUNT(*) FROM (
        SELECT m.y AS y, m.h AS h, ${value} AS v FROM ${members} m LEFT JOIN people p ON p.visitor_id = m.visitor_id
      ) x GROUP BY y, h, v`;
  s.push(esf('total', sql`'all'`));
  s.push(esf('gender', sql`COALESCE(p.gender, 'not_recorded')`));
  s.push(esf('employment', sql`COALESCE(p.employment, 'not_recorded')`));
  s.push(esf('education', sql`COALESCE(p.education, 'not_recorded')`));
  s.push(
    esf(
      'age',
      sql`CASE WHEN p.birth_year IS NULL THEN 'not_recorded'
        WHEN CAST(m.y AS INTEGER) - p.birth_year < 18 THEN 'under_18'
        WHEN CAST(m.y AS INTEGER) - p.birth_year < 30 THEN '18_29'
        WHEN CAST(m.y AS INTEGER) - p.birth_year < 55 THEN '30_54'
        ELSE '55_plus' END`,
    ),
  );
  s.push(sql`INSERT INTO report_esf (year, hub_id, indicator, value, participants)
    SELECT y, h, 'disadvantaged', v, COUNT(*) FROM (
      SELECT m.y AS y, m.h AS h,
        CASE WHEN p.visitor_id IS NULL OR p.disadvantaged_recorded = 0 THEN 'not_recorded' ELSE 'none' END AS v
      FROM ${members} m LEFT JOIN people p ON p.visitor_id = m.visitor_id
      WHERE p.visitor_id IS NULL OR p.disadvantaged_recorded = 0
        OR NOT EXISTS (SELECT 1 FROM person_disadvantages d WHERE d.visitor_id = m.visitor_id)
      UNION ALL
      SELECT m.y, m.h, d.grp FROM ${members} m
        JOIN people p ON p.visitor_id = m.visitor_id AND p.disadvantaged_recorded = 1
        JOIN person_disadvantages d ON d.visitor_id = m.visitor_id
    ) x GROUP BY y, h, v`);
  return s;
}
