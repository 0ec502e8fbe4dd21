import type { Checkin, Enrolment, ParticipantSnapshot, Session } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { catchUpReports } from '../src/reports/feed';
import { putDocuments } from '../src/store/documents';
import type { Database } from '../src/store/schema';
import { benchCardId, benchVisitorId } from './reports-city';

const hubId = (i: number) => `01JDBENCH0HVB${String(i).padStart(13, '0')}`;
const operationId = (i: number) => `01JDBENCH0PRG${String(i).padStart(13, '0')}`;
const OPERATIONS_PER_HUB = 2;
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/** ESF+ data added to the bench city: what the operation report and one operation's register read. */
export interface BenchOperations {
  year: string;
  participations: number;
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

/**
 * Adds to the bench city: two operations per hub in `year` with `perOperation` participations each (entries spread
 * over the year, a third of them left with results), and at hub 0 one more operation of 30 weekly sessions with a
 * roster of 25, check-ins and all, written as kiosks push them (putDocuments, then the report feed).
 */
export async function addBenchOperations(
  db: Kysely<Database>,
  hubs: number,
  visitors: number,
  perOperation: number,
  now: number,
): Promise<BenchOperations> {
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
  return { year: String(year), participations, registerOperationId };
}
