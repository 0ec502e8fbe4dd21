import { CITY_TIME_ZONE, type Hub, ROLES, startOfLocalDay } from '@vigevano/protocol';
import { type Kysely, sql } from 'kysely';
import { createUser } from '../src/auth/users';
import { addDays, localTime } from '../src/reports/calendar';
import { putDocuments } from '../src/store/documents';
import type { Database } from '../src/store/schema';

/**
 * The benchmark city, built with bulk SQL straight into the report projections (report_checkins, report_cards,
 * report_sessions, report_enrolments, people): ten million check-ins cannot go through the per-push projectors in
 * reasonable time here. The aggregates are then computed by the product's own rebuildAggregates(), the same SQL
 * that the tests prove equal to the incremental projectors. Everything is deterministic (arithmetic on row
 * numbers), and the statements are the same on SQLite and PostgreSQL.
 */
export interface CitySize {
  years: number;
  hubs: number;
  visitors: number;
  checkins: number;
}

export const FULL_CITY: CitySize = { years: 5, hubs: 20, visitors: 200_000, checkins: 10_000_000 };

const ACTIVITIES: Array<[string, string]> = [
  ['Italiano per il lavoro', 'migrant_background'],
  ['Laboratorio CV e colloqui', 'young_neet'],
  ['Sportello orientamento', 'everyone'],
  ['Smartphone senza paura', 'elderly'],
  ['Sportello casa', 'fragile_housing_families'],
  ['Orto condiviso', 'elderly'],
  ['Compiti insieme', 'fragile_housing_families'],
  ['Bici in sicurezza', 'everyone'],
  ['Sportello servizi digitali', 'people_with_disabilities'],
  ['Cucina e salute', 'everyone'],
  ['Inglese di base', 'young_neet'],
  ['Coding per ragazze', 'young_neet'],
];
const SESSIONS_PER_DAY = 3;
/** report_checkins' secondary indexes, as migrations 0004 and 0006 create them. */
const CHECKIN_INDEXES = [
  { name: 'report_checkins_visitor', columns: ['visitor_id', 'day'] },
  { name: 'report_checkins_session', columns: ['session_id'] },
  { name: 'report_checkins_card', columns: ['card_id'] },
  { name: 'report_checkins_day', columns: ['day', 'hub_id', 'at'] },
  { name: 'report_checkins_duplicate', columns: ['duplicate', 'day', 'hub_id'] },
];
const ENROLLED_PER_SESSION = 8;

const hubId = (i: number) => `01JDBENCH0HVB${String(i).padStart(13, '0')}`;
// Visitor and card ids shaped like ULIDs (26 Crockford characters), as the API's parameters require.
const ID_BASE = 10_000_000_000_000;
export const benchVisitorId = (v: number) => `01JDBENCHVSX${ID_BASE + v}`;
export const benchCardId = (v: number) => `01JDBENCHCRD${ID_BASE + v}`;
const visitorSql = (n: ReturnType<typeof sql>) => sql`'01JDBENCHVSX' || (${sql.lit(ID_BASE)} + ${n})`;
const cardSql = (n: ReturnType<typeof sql>) => sql`'01JDBENCHCRD' || (${sql.lit(ID_BASE)} + ${n})`;
const numberOf = (id: ReturnType<typeof sql>) =>
  sql`(CAST(SUBSTR(${id}, 13) AS BIGINT) - ${sql.lit(ID_BASE)})`;

async function timed(
  log: (line: string) => void,
  label: string,
  run: () => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
  return ms;
}

/** Builds the city; returns seconds per step. `now` fixes "today" (the last day of the five years). */
export async function buildBenchCity(
  db: Kysely<Database>,
  size: CitySize,
  log: (line: string) => void,
  now = Date.now(),
): Promise<Record<string, number>> {
  const steps: Record<string, number> = {};
  const days = Math.round(size.years * 365.25);
  const today = localTime(now).day;
  const first = addDays(today, -(days - 1));

  // Hubs are real documents (pages list them by name); users one per role.
  const hubs: Hub[] = Array.from({ length: size.hubs }, (_, i) => ({
    id: hubId(i),
    name: `Hub ${String(i + 1).padStart(2, '0')}`,
    address: `Via dei Mille ${i + 1}, Vigevano`,
    area: i % 2 ? 'Centro' : 'Ticino',
    targetGroups: ['everyone'],
    focus: { assistance: 'sportello', promotion: 'laboratori' },
    openingHours: [],
    position: { lat: 45.3, lon: 8.86 },
    usesCheckout: i % 4 === 0,
    closures: [],
    repeatScanWindowMs: 600_000,
    facilitators: [],
    archived: false,
    timezone: CITY_TIME_ZONE,
    updatedAt: now,
  }));
  await putDocuments(
    db,
    hubs.map((h) => ({ collection: 'hubs', hubId: h.id, at: null, body: h })),
  );
  for (const role of ROLES)
    await createUser(db, {
      email: `${role}@bench.invalid`,
      name: role,
      role,
      hubIds: role === 'hub_lead' ? [hubId(0)] : [],
      password: 'bench-password',
    });

  // Helper tables: numbers 0..9999, the calendar, hubs and activities by index.
  steps.helpers = await timed(log, 'helper tables', async () => {
    await db.schema
      .createTable('bench_numbers')
      .ifNotExists()
      .addColumn('n', 'bigint', (c) => c.primaryKey())
      .execute();
    await db.schema
      .createTable('bench_days')
      .ifNotExists()
      .addColumn('dn', 'bigint', (c) => c.primaryKey())
      .addColumn('day', 'varchar(10)')
      .addColumn('week', 'varchar(10)')
      .addColumn('month', 'varchar(7)')
      .addColumn('weekday', 'integer')
      .addColumn('start_ms', 'bigint')
      .execute();
    await db.schema
      .createTable('bench_hubs')
      .ifNotExists()
      .addColumn('idx', 'bigint', (c) => c.primaryKey())
      .addColumn('id', 'varchar(26)')
      .execute();
    await db.schema
      .createTable('bench_activities')
      .ifNotExists()
      .addColumn('idx', 'bigint', (c) => c.primaryKey())
      .addColumn('activity', 'varchar(120)')
      .addColumn('target_group', 'varchar(40)')
      .execute();
    const numbers = Array.from({ length: 10_000 }, (_, n) => ({ n }));
    for (let i = 0; i < numbers.length; i += 1000)
      await db
        .insertInto('bench_numbers' as never)
        .values(numbers.slice(i, i + 1000) as never)
        .execute();
    const calendar = Array.from({ length: days }, (_, dn) => {
      const day = addDays(first, dn);
      const t = localTime(Date.parse(`${day}T12:00:00Z`));
      return {
        dn,
        day,
        week: t.week,
        month: t.month,
        weekday: t.weekday,
        start_ms: startOfLocalDay(CITY_TIME_ZONE, Date.parse(`${day}T12:00:00Z`)),
      };
    });
    for (let i = 0; i < calendar.length; i += 500)
      await db
        .insertInto('bench_days' as never)
        .values(calendar.slice(i, i + 500) as never)
        .execute();
    await db
      .insertInto('bench_hubs' as never)
      .values(hubs.map((h, idx) => ({ idx, id: h.id })) as never)
      .execute();
    await db
      .insertInto('bench_activities' as never)
      .values(ACTIVITIES.map(([activity, target_group], idx) => ({ idx, activity, target_group })) as never)
      .execute();
  });

  const V = size.visitors;
  const H = size.hubs;
  const A = ACTIVITIES.length;
  // Each hub offers three activities; session k of hub h on a day runs activity (h + 7k) mod A.
  steps.cards = await timed(log, `${V} visitors' cards and personal data for half of them`, async () => {
    await sql`INSERT INTO report_cards (card_id, visitor_id, hub_id, alias, alias_key, language, issuer, issued_at, revoked, revoked_at, revoked_reason)
      SELECT ${cardSql(sql`n.n`)}, ${visitorSql(sql`n.n`)}, h.id, 'Visitatore ' || n.n, 'visitatore ' || n.n, 'it', 'server', 0, 0, NULL, NULL
      FROM (SELECT a.n * 10000 + b.n AS n FROM bench_numbers a CROSS JOIN bench_numbers b WHERE a.n < ${Math.ceil(V / 10000)}) n
      JOIN bench_hubs h ON h.idx = n.n % ${H} WHERE n.n < ${V}`.execute(db);
    await sql`INSERT INTO people (visitor_id, hub_id, first_name, last_name, email, phone, birth_year, gender, employment, education,
        disadvantaged_recorded, search_key, consent_at, consent_by, consent_text_version, created_at, updated_at)
      SELECT c.visitor_id, c.hub_id, 'Nome' || ${numberOf(sql`c.visitor_id`)}, 'Cognome' || ${numberOf(sql`c.visitor_id`)}, NULL, NULL,
        1940 + ${numberOf(sql`c.visitor_id`)} % 70,
        CASE ${numberOf(sql`c.visitor_id`)} % 3 WHEN 0 THEN 'female' WHEN 1 THEN 'male' ELSE 'non_binary' END,
        CASE ${numberOf(sql`c.visitor_id`)} % 5 WHEN 0 THEN 'employed' WHEN 1 THEN 'unemployed' WHEN 2 THEN 'long_term_unemployed' WHEN 3 THEN 'inactive' ELSE 'in_education' END,
        CASE ${numberOf(sql`c.visitor_id`)} % 3 WHEN 0 THEN 'isced_0_2' WHEN 1 THEN 'isced_3_4' ELSE 'isced_5_8' END,
        ${numberOf(sql`c.visitor_id`)} % 2, 'nome' || ${numberOf(sql`c.visitor_id`)}, 0, 'bench', 'bench', 0, 0
      FROM report_cards c WHERE ${numberOf(sql`c.visitor_id`)} % 2 = 0`.execute(db);
    await sql`INSERT INTO person_disadvantages (visitor_id, grp)
      SELECT visitor_id, 'foreign_origin' FROM people WHERE disadvantaged_recorded = 1 AND ${numberOf(sql`visitor_id`)} % 7 = 0`.execute(
      db,
    );
  });

  steps.sessions = await timed(log, `${days * H * SESSIONS_PER_DAY} sessions`, async () => {
    await sql`INSERT INTO report_sessions (id, hub_id, activity, target_group, kind, title, starts_at, ends_at, day, status, capacity,
        facilitator, notes, enrolled, present, checkins)
      SELECT 'S' || d.dn || '-' || h.idx || '-' || k.n, h.id, a.activity, a.target_group, 'lesson', a.activity,
        d.start_ms + (10 + 3 * k.n) * 3600000, d.start_ms + (12 + 3 * k.n) * 3600000, d.day, 'closed', 15, 'Facilitatore', 'Note di chiusura', 0, 0, 0
      FROM bench_days d CROSS JOIN bench_hubs h CROSS JOIN bench_numbers k
      JOIN bench_activities a ON a.idx = (h.idx + 7 * k.n) % ${A}
      WHERE k.n < ${SESSIONS_PER_DAY}`.execute(db);
    await sql`INSERT INTO report_enrolments (id, session_id, hub_id, card_id, alias, walk_in, attendance)
      SELECT s.id || ':' || c.card_id, s.id, s.hub_id, c.card_id, c.alias, 0, CASE WHEN e.n % 4 = 0 THEN 'absent' ELSE 'present' END
      FROM report_sessions s CROSS JOIN bench_numbers e
      JOIN report_cards c ON c.card_id = ${cardSql(sql`((LENGTH(s.id) * 7919 + s.starts_at / 3600000 + e.n * ${Math.floor(V / ENROLLED_PER_SESSION)}) % ${V})`)}
      WHERE e.n < ${ENROLLED_PER_SESSION}`.execute(db);
  });

  // Check-in n: visitor (n·7919) mod V, 85% at the visitor's home hub; spread over every day and opening hour.
  const total = size.checkins;
  const chunk = 1_000_000;
  steps.checkins = await timed(log, `${total} check-ins`, async () => {
    // Bulk load without the secondary indexes, then build them once (the same ones as migration 0004).
    for (const index of CHECKIN_INDEXES) await db.schema.dropIndex(index.name).execute();
    for (let from = 0; from < total; from += chunk) {
      const to = Math.min(total, from + chunk);
      await sql`INSERT INTO report_checkins (id, hub_id, device_id, card_id, visitor_id, session_id, activity, target_group, direction, at,
          day, week, month, weekday, hour)
        SELECT 'K' || (${sql.lit(ID_BASE)} + x.n), h.id, h.id, CASE WHEN x.guest = 1 THEN NULL ELSE ${cardSql(sql`x.v`)} END, CASE WHEN x.guest = 1 THEN NULL ELSE ${visitorSql(sql`x.v`)} END,
          CASE WHEN x.k < ${SESSIONS_PER_DAY} THEN 'S' || x.dn || '-' || x.hub || '-' || x.k ELSE NULL END,
          COALESCE(a.activity, ''), COALESCE(a.target_group, ''), 'in',
          d.start_ms + x.hour * 3600000 + (x.n % 3600) * 1000, d.day, d.week, d.month, d.weekday, x.hour
        FROM (
          SELECT n, v, (n * 31 + v) % ${days} AS dn, 9 + n % 10 AS hour,
            CASE WHEN n % 20 < 17 THEN v % ${H} ELSE (v + 1 + n % 3) % ${H} END AS hub,
            n % 10 AS k, CASE WHEN n % 50 = 0 THEN 1 ELSE 0 END AS guest
          FROM (SELECT a.n * 10000 + b.n AS n, ((a.n * 10000 + b.n) * 7919) % ${V} AS v
                FROM bench_numbers a CROSS JOIN bench_numbers b
                WHERE a.n * 10000 + b.n >= ${from} AND a.n * 10000 + b.n < ${to}
                  AND a.n >= ${Math.floor(from / 10000)} AND a.n < ${Math.ceil(to / 10000)}) t
        ) x
        JOIN bench_days d ON d.dn = x.dn
        JOIN bench_hubs h ON h.idx = x.hub
        LEFT JOIN bench_activities a ON x.k < ${SESSIONS_PER_DAY} AND a.idx = (x.hub + 7 * x.k) % ${A}`.execute(
        db,
      );
      log(`    ${to.toLocaleString('it-IT')} check-ins`);
    }
    for (const index of CHECKIN_INDEXES)
      await db.schema.createIndex(index.name).on('report_checkins').columns(index.columns).execute();
  });

  steps.sessionCounts = await timed(log, 'session counts', async () => {
    await sql`UPDATE report_sessions SET
      enrolled = (SELECT COUNT(*) FROM report_enrolments e WHERE e.session_id = report_sessions.id),
      present = (SELECT COUNT(*) FROM report_enrolments e WHERE e.session_id = report_sessions.id AND e.attendance = 'present'),
      checkins = (SELECT COUNT(*) FROM report_checkins c WHERE c.session_id = report_sessions.id)`.execute(
      db,
    );
  });
  for (const t of ['bench_numbers', 'bench_days', 'bench_hubs', 'bench_activities'])
    await db.schema.dropTable(t).execute();
  return steps;
}
