import type { Checkin, Enrolment, ParticipantSnapshot, Session } from '@vigevano/protocol';
import { type Kysely, sql } from 'kysely';
import { catchUpReports } from '../src/reports/feed';
import { putDocuments } from '../src/store/documents';
import type { Database } from '../src/store/schema';
import { benchCardId, benchVisitorId } from './reports-city';

const hubId = (i: number) => `01JDBENCH0HVB${String(i).padStart(13, '0')}`;
const operationId = (i: number) => `01JDBENCH0PRG${String(i).padStart(13, '0')}`;
/*
 * A real city's ESF+ year (issue 18: 20 hubs, operations of tens of participants each), the same at every --scale:
 * the number of funded courses does not grow with the check-ins. Each hub runs OPERATIONS_PER_HUB operations a
 * year (courses of 30 weekly sessions, PARTICIPANTS_PER_OPERATION people each, entries spread over the year, a
 * third left with results), with GUESTS_PER_SESSION guests without a card at each session; one more operation at hub
 * 0 has the full register (30 sessions, 25 enrolled, 20 checked in). With 20 hubs: 61 operations, 1 800
 * participations, 1 830 operation sessions and 3 600 guest check-ins; around them the year's drop-in sessions of
 * the bench city (3 a day per hub, about 21 900) become session documents too, as the report scans sessions there.
 */
const OPERATIONS_PER_HUB = 3;
const PARTICIPANTS_PER_OPERATION = 30;
const SESSIONS_PER_OPERATION = 30;
const GUESTS_PER_SESSION = 2;
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const AGE_BANDS = ['under_18', '18_29', '30_54', '55_plus'] as const;

/** ESF+ data added to the bench city: what the operation report and one operation's register read. */
export interface BenchOperations {
  year: string;
  operations: number;
  participations: number;
  /** session documents of the year: operations' sessions and drop-in ones */
  sessions: number;
  guestCheckins: number;
  /** the operation with 30 sessions of 25 participants, for the register */
  registerOperationId: string;
}

const snapshots: ParticipantSnapshot[] = [
  { birthYear: 1998, gender: 'female', employment: 'unemployed', education: 'isced_3_4', disadvantaged: [] },
  {
    birthYear: 1960,
    gender: 'male',
    employment: 'long_term_unemployed',
    education: 'isced_0_2',
    disadvantaged: ['disability'],
  },
  {
    birthYear: 2008,
    gender: 'non_binary',
    employment: 'in_education',
    education: 'isced_0_2',
    disadvantaged: null,
  },
  { birthYear: null, gender: null, employment: null, education: null, disadvantaged: null },
];

/** Writes `docs` as kiosks push them: 500 a transaction, each projected. */
async function putInBatches(db: Kysely<Database>, docs: Parameters<typeof putDocuments>[1]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) await putDocuments(db, docs.slice(i, i + 500));
}

/**
 * Adds to the bench city the ESF+ year described above (this year of `now`): operations and participants by bulk
 * insert; the operations' sessions, the register's roster and the check-ins written as kiosks push them
 * (putDocuments, then the report feed); the year's drop-in sessions of report_sessions copied as session documents.
 */
export async function addBenchOperations(
  db: Kysely<Database>,
  hubs: number,
  visitors: number,
  now: number,
): Promise<BenchOperations> {
  const perOperation = PARTICIPANTS_PER_OPERATION;
  const year = new Date(now).getUTCFullYear();
  const day = (d: number) => {
    const date = new Date(Date.UTC(year, 0, 1 + (d % 360)));
    return date.toISOString().slice(0, 10);
  };
  const operations = Array.from({ length: hubs * OPERATIONS_PER_HUB + 1 }, (_, i) => ({
    id: operationId(i),
    code: `FSE-BENCH-${year}-${String(i).padStart(3, '0')}`,
    name: `Operazione ${i}`,
    starts_on: `${year}-01-01`,
    ends_on: `${year}-12-31`,
    target_group: 'everyone',
    planned_minutes: 6000,
    created_at: now,
    updated_at: now,
  }));
  await db.insertInto('operations').values(operations).execute();
  await db
    .insertInto('operation_hubs')
    .values(
      operations.map((o, i) => ({
        operation_id: o.id,
        hub_id: hubId(Math.floor(i / OPERATIONS_PER_HUB) % hubs),
      })),
    )
    .execute();
  let participations = 0;
  for (let o = 0; o < hubs * OPERATIONS_PER_HUB; o++) {
    const rows = Array.from({ length: perOperation }, (_, p) => {
      const n = o * perOperation + p;
      const left = p % 3 === 0;
      return {
        id: `01JDBENCH0PAR${String(n).padStart(13, '0')}`,
        operation_id: operationId(o),
        visitor_id: benchVisitorId(n % visitors),
        entry_date: day(p),
        entry_snapshot: JSON.stringify(snapshots[n % snapshots.length]),
        exit_date: left ? day(p + 60) : null,
        exit_reason: left ? 'completed' : null,
        result_exit: left
          ? JSON.stringify({
              jobSearching: true,
              inEducation: false,
              qualification: p % 2 === 0,
              employed: null,
            })
          : null,
        result_six_months: null,
        created_at: now,
        updated_at: now,
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('participants')
        .values(rows.slice(i, i + 500))
        .execute();
    participations += rows.length;
  }
  // Each operation's weekly sessions at its hub, from its week in January, with guests checked in at each.
  const operationSessions: Session[] = [];
  for (let o = 0; o < hubs * OPERATIONS_PER_HUB; o++)
    for (let w = 0; w < SESSIONS_PER_OPERATION; w++) {
      const startsAt = Date.UTC(year, 0, 5 + (o % 7), 9 + (o % 8)) + w * WEEK;
      operationSessions.push({
        id: `01JDBENCH0OSE${String(o * 100 + w).padStart(13, '0')}`,
        hubId: hubId(Math.floor(o / OPERATIONS_PER_HUB) % hubs),
        kind: 'lesson',
        activity: 'Corso finanziato',
        title: `Operazione ${o}, lezione ${w + 1}`,
        targetGroup: 'everyone',
        startsAt,
        endsAt: startsAt + 2 * HOUR,
        capacity: 30,
        facilitator: 'Facilitatore',
        status: 'closed',
        notes: '',
        operationId: operationId(o),
        updatedAt: now,
      });
    }
  const guests: Checkin[] = operationSessions.flatMap((s, si) =>
    Array.from({ length: GUESTS_PER_SESSION }, (_, g) => ({
      id: `01JDBENCH0GST${String(si * 10 + g).padStart(13, '0')}`,
      hubId: s.hubId,
      deviceId: s.hubId,
      guest: {
        ageBand: AGE_BANDS[(si + g) % AGE_BANDS.length] as (typeof AGE_BANDS)[number],
        firstVisit: g === 0,
      },
      sessionId: s.id,
      direction: 'in',
      source: 'guest',
      deviceTime: s.startsAt + g * 60_000,
      hlc: `${s.startsAt}-${g}-bench`,
      updatedAt: now,
    })),
  );
  await putInBatches(
    db,
    operationSessions.map((body) => ({ collection: 'sessions', hubId: body.hubId, at: body.startsAt, body })),
  );
  await putInBatches(
    db,
    guests.map((body) => ({ collection: 'checkins', hubId: body.hubId, at: body.deviceTime, body })),
  );
  // The year's drop-in sessions (bulk-built in report_sessions by reports-city.ts) as the documents kiosks sync:
  // straight SQL, not putDocuments, so the projections the city already holds stay as they are.
  const dropIn = await sql`INSERT INTO documents (collection, id, hub_id, body, deleted, at, updated_at)
    SELECT 'sessions', id, hub_id,
      '{"id":"' || id || '","hubId":"' || hub_id || '","kind":"lesson","activity":"' || activity || '","title":"' ||
      title || '","targetGroup":"' || target_group || '","startsAt":' || starts_at || ',"endsAt":' || ends_at ||
      ',"capacity":' || capacity || ',"facilitator":"' || facilitator || '","status":"' || status ||
      '","notes":"","updatedAt":' || starts_at || '}',
      0, starts_at, starts_at
    FROM report_sessions WHERE day >= ${`${year}-01-01`} AND day <= ${`${year}-12-31`}`.execute(db);

  // The register's operation: 30 weekly sessions at hub 0, 25 enrolled, 20 checked in at each.
  const registerOperationId = operationId(hubs * OPERATIONS_PER_HUB);
  const first = Date.UTC(year, 0, 5, 14);
  const sessions: Session[] = Array.from({ length: 30 }, (_, s) => ({
    id: `01JDBENCH0SES${String(s).padStart(13, '0')}`,
    hubId: hubId(0),
    kind: 'lesson',
    activity: 'Competenze digitali',
    title: `Lezione ${s + 1}`,
    targetGroup: 'everyone',
    startsAt: first + s * WEEK,
    endsAt: first + s * WEEK + 2 * HOUR,
    capacity: 30,
    facilitator: 'Giulia Bianchi',
    status: 'closed',
    notes: '',
    operationId: registerOperationId,
    updatedAt: now,
  }));
  const enrolments: Enrolment[] = sessions.flatMap((s) =>
    Array.from({ length: 25 }, (_, v) => ({
      id: `${s.id}:${benchCardId(v)}`,
      sessionId: s.id,
      hubId: s.hubId,
      cardId: benchCardId(v),
      alias: `Visitatore ${v}`,
      walkIn: false,
      attendance: v % 10 === 9 ? 'excused' : 'unknown',
      updatedAt: now,
    })),
  );
  const checkins: Checkin[] = sessions.flatMap((s, si) =>
    Array.from({ length: 20 }, (_, v) => ({
      id: `01JDBENCH0CHK${String(si * 100 + v).padStart(13, '0')}`,
      hubId: s.hubId,
      deviceId: hubId(0),
      cardId: benchCardId(v),
      sessionId: s.id,
      direction: 'in',
      source: 'camera',
      deviceTime: s.startsAt + v * 60_000,
      hlc: `${s.startsAt}-0-bench`,
      updatedAt: now,
    })),
  );
  await putDocuments(
    db,
    sessions.map((body) => ({ collection: 'sessions', hubId: body.hubId, at: body.startsAt, body })),
  );
  for (let i = 0; i < enrolments.length; i += 250)
    await putDocuments(
      db,
      enrolments
        .slice(i, i + 250)
        .map((body) => ({ collection: 'enrolments', hubId: body.hubId, at: null, body })),
    );
  await putDocuments(
    db,
    checkins.map((body) => ({ collection: 'checkins', hubId: body.hubId, at: body.deviceTime, body })),
  );
  await catchUpReports(db);
  return {
    year: String(year),
    operations: operations.length,
    participations,
    sessions: operationSessions.length + sessions.length + Number(dropIn.numAffectedRows ?? 0),
    guestCheckins: guests.length,
    registerOperationId,
  };
}
