import type {
  Card,
  Checkin,
  Enrolment,
  ParticipantSnapshot,
  PersonInput,
  ResultAfterSixMonths,
  ResultAtExit,
  Session,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { createUser } from '../../auth/users';
import { savePerson } from '../../dashboard/people/store';
import { fixedHub } from '../../dashboard/reports-fixed-city';
import { putDocuments } from '../../store/documents';
import type { Database } from '../../store/schema';
import { login, type TestServer } from '../../testing/test-server';
import { catchUpReports } from '../feed';
import { testId } from '../test-city';

// A small fixed city for the ESF+ operation report and the registers (issue 18): two hubs, two operations, nine
// participations of eight people with chosen entry snapshots, exits and results, a few guests, and two sessions
// of OP1 with a roster. esf-operations.test.ts works its expected values out by hand from what is written here.

const HUB_A = testId('HBA', 1);
const HUB_B = testId('HBB', 2);
export const OP1 = { id: testId('PRG', 1), code: 'FSE-LOM-2026-001', name: 'Competenze digitali' };
export const OP2 = { id: testId('PRG', 2), code: 'FSE-LOM-2026-002', name: 'Orientamento al lavoro' };
export const SESSION_1 = testId('SES', 1);
const SESSION_2 = testId('SES', 2);
const SESSION_OP2 = testId('SES', 3);
const SESSION_FREE = testId('SES', 4);

const snap = (
  birthYear: number | null,
  gender: ParticipantSnapshot['gender'],
  employment: ParticipantSnapshot['employment'],
  education: ParticipantSnapshot['education'],
  disadvantaged: ParticipantSnapshot['disadvantaged'],
): ParticipantSnapshot => ({ birthYear, gender, employment, education, disadvantaged });

/** Participation n (P1…P9): visitor number, operation, entry, snapshot at entry, exit, results. */
const PARTICIPATIONS: Array<{
  n: number;
  visitor: number;
  operation: string;
  entry: string;
  snapshot: ParticipantSnapshot;
  exit?: string;
  atExit?: ResultAtExit;
  afterSixMonths?: ResultAfterSixMonths;
}> = [
  {
    n: 1,
    visitor: 1,
    operation: OP1.id,
    entry: '2026-02-02',
    snapshot: snap(2000, 'female', 'long_term_unemployed', 'isced_3_4', ['third_country_national']),
    exit: '2026-05-15',
    atExit: { jobSearching: true, inEducation: false, qualification: true, employed: false },
  },
  {
    n: 2,
    visitor: 2,
    operation: OP1.id,
    entry: '2026-02-02',
    snapshot: snap(1970, 'male', 'unemployed', 'isced_0_2', []),
  },
  {
    n: 3,
    visitor: 3,
    operation: OP1.id,
    entry: '2026-03-01',
    snapshot: snap(2009, 'non_binary', 'in_education', 'isced_0_2', null),
  },
  {
    n: 4,
    visitor: 4,
    operation: OP1.id,
    entry: '2025-11-10',
    snapshot: snap(1990, 'female', 'employed', 'isced_5_8', []),
    exit: '2026-01-20',
    atExit: { jobSearching: false, inEducation: false, qualification: true, employed: true },
    afterSixMonths: { employed: true, betterSituation: true },
  },
  // the same person as P1, in the other operation, with what was true when she entered it
  {
    n: 5,
    visitor: 1,
    operation: OP2.id,
    entry: '2026-04-01',
    snapshot: snap(2000, 'female', 'unemployed', 'isced_3_4', ['third_country_national']),
  },
  { n: 6, visitor: 5, operation: OP2.id, entry: '2026-04-01', snapshot: snap(null, null, null, null, null) },
  {
    n: 7,
    visitor: 6,
    operation: OP2.id,
    entry: '2026-04-15',
    snapshot: snap(1960, 'male', 'inactive', 'isced_5_8', ['disability', 'rural_area']),
    exit: '2026-06-10',
    atExit: { jobSearching: null, inEducation: false, qualification: false, employed: false },
  },
  {
    n: 8,
    visitor: 7,
    operation: OP2.id,
    entry: '2026-10-05',
    snapshot: snap(1985, 'female', 'unemployed', 'isced_3_4', []),
  },
  {
    n: 9,
    visitor: 8,
    operation: OP2.id,
    entry: '2025-09-01',
    snapshot: snap(1980, 'male', 'unemployed', 'isced_3_4', []),
    exit: '2025-12-15',
    atExit: { jobSearching: true, inEducation: true, qualification: true, employed: true },
  },
];

/** Names of the visitors with personal data (accents and another script, for the register). */
const NAMES: Record<number, [string, string]> = {
  1: ['Niccolò', 'Fabbrì'],
  2: ['Ольга', 'Петрова'],
  3: ['Sara', 'Colombo'],
  4: ['Lucia', 'Ferrari'],
  6: ['Mario', 'Gallo'],
};

export const visitorId = (n: number) => testId('VIS', n);
export const cardId = (n: number) => testId('CARD', n);

/** 15:00–17:00 in Rome (winter time, UTC+1) on `day`, epoch ms. */
const at1500 = (day: string) => Date.parse(`${day}T14:00:00Z`);
const MINUTE = 60_000;

const session = (id: string, hubId: string, day: string, operationId?: string): Session => ({
  id,
  hubId,
  kind: 'lesson',
  activity: 'Informatica di base',
  title: 'Lezione',
  targetGroup: 'everyone',
  startsAt: at1500(day),
  endsAt: at1500(day) + 120 * MINUTE,
  capacity: 0,
  facilitator: 'Giulia Bianchi',
  status: 'closed',
  notes: '',
  ...(operationId ? { operationId } : {}),
  updatedAt: at1500(day),
});

let checkinNo = 0;
const checkin = (
  hubId: string,
  atMs: number,
  sessionId: string | undefined,
  who: { card: string } | { ageBand: '18_29' | '55_plus' },
  direction: 'in' | 'out' = 'in',
): Checkin => {
  checkinNo += 1;
  return {
    id: testId('CHK', checkinNo),
    hubId,
    deviceId: testId('DEV', 1),
    ...('card' in who ? { cardId: who.card } : { guest: { ageBand: who.ageBand, firstVisit: true } }),
    ...(sessionId ? { sessionId } : {}),
    direction,
    source: 'card' in who ? 'camera' : 'guest',
    deviceTime: atMs,
    hlc: `${atMs}-0000-x`,
    updatedAt: atMs,
  } as Checkin;
};

const enrolment = (sessionId: string, card: number, attendance: Enrolment['attendance'], reason?: string) =>
  ({
    id: `${sessionId}:${cardId(card)}`,
    sessionId,
    hubId: HUB_A,
    cardId: cardId(card),
    alias: `Visitatore ${card}`,
    walkIn: false,
    attendance,
    ...(reason ? { excuseReason: reason } : {}),
    updatedAt: at1500('2026-03-02'),
  }) as Enrolment;

/** The id of the check-in (P3's, at session 1) that a facilitator annulled. */
const ANNULLED_CHECKIN = testId('CHK', 900);

/** Writes the fixed city into the store and brings the reports up to date. */
export async function loadEsfCity(db: Kysely<Database>): Promise<void> {
  const now = Date.parse('2026-01-01T00:00:00Z');
  await db
    .insertInto('operations')
    .values(
      [OP1, OP2].map((o) => ({
        ...o,
        starts_on: '2025-09-01',
        ends_on: '2026-12-31',
        target_group: 'everyone',
        planned_minutes: 6000,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto('operation_hubs')
    .values([
      { operation_id: OP1.id, hub_id: HUB_A },
      { operation_id: OP2.id, hub_id: HUB_A },
      { operation_id: OP2.id, hub_id: HUB_B },
    ])
    .execute();
  await db
    .insertInto('participants')
    .values(
      PARTICIPATIONS.map((p) => ({
        id: testId('PAR', p.n),
        operation_id: p.operation,
        visitor_id: visitorId(p.visitor),
        entry_date: p.entry,
        entry_snapshot: JSON.stringify(p.snapshot),
        exit_date: p.exit ?? null,
        exit_reason: p.exit ? 'completed' : null,
        result_exit: p.atExit ? JSON.stringify(p.atExit) : null,
        result_six_months: p.afterSixMonths ? JSON.stringify(p.afterSixMonths) : null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const put = <T extends { id: string; updatedAt: number }>(
    collection: string,
    bodies: T[],
    hubOf: (b: T) => string,
    atOf: (b: T) => number | null,
  ) =>
    putDocuments(
      db,
      bodies.map((body) => ({ collection, hubId: hubOf(body), at: atOf(body), body })),
    );
  await put(
    'hubs',
    [fixedHub(HUB_A, 'Hub Cavallerizza'), fixedHub(HUB_B, 'Hub Piazza Ducale', true)],
    (h) => h.id,
    () => null,
  );
  const cards: Card[] = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
    id: cardId(n),
    hubId: HUB_A,
    visitorId: visitorId(n),
    alias: `Visitatore ${n}`,
    language: 'it',
    issuer: 'server',
    issuedAt: now,
    revoked: false,
    updatedAt: now,
  }));
  await put(
    'cards',
    cards,
    (c) => c.hubId,
    () => null,
  );
  const sessions = [
    session(SESSION_1, HUB_A, '2026-03-02', OP1.id),
    session(SESSION_2, HUB_A, '2026-03-09', OP1.id),
    session(SESSION_OP2, HUB_B, '2026-04-20', OP2.id),
    session(SESSION_FREE, HUB_A, '2026-03-02'),
  ];
  await put(
    'sessions',
    sessions,
    (s) => s.hubId,
    (s) => s.startsAt,
  );
  await put(
    'enrolments',
    [
      enrolment(SESSION_1, 1, 'unknown'),
      enrolment(SESSION_1, 2, 'excused', 'visita medica'),
      enrolment(SESSION_1, 3, 'unknown'),
      enrolment(SESSION_2, 1, 'present'),
      enrolment(SESSION_2, 2, 'absent'),
    ],
    (e) => e.hubId,
    () => null,
  );
  const s1 = at1500('2026-03-02');
  const checkins = [
    // P1 arrives 20 minutes late at session 1 (hub A has no check-out): 100 minutes
    checkin(HUB_A, s1 + 20 * MINUTE, SESSION_1, { card: cardId(1) }),
    { ...checkin(HUB_A, s1, SESSION_1, { card: cardId(3) }), id: ANNULLED_CHECKIN },
    // guests: one at OP1, two at OP2 (in the period), one at a session of no operation, one with no session
    checkin(HUB_A, s1 + 5 * MINUTE, SESSION_1, { ageBand: '18_29' }),
    checkin(HUB_B, at1500('2026-04-20'), SESSION_OP2, { ageBand: '55_plus' }),
    checkin(HUB_B, at1500('2026-04-20') + MINUTE, SESSION_OP2, { ageBand: '18_29' }),
    checkin(HUB_A, s1 + 2 * MINUTE, SESSION_FREE, { ageBand: '55_plus' }),
    checkin(HUB_A, s1 + 3 * MINUTE, undefined, { ageBand: '18_29' }),
  ];
  await put(
    'checkins',
    checkins,
    (c) => c.hubId,
    (c) => c.deviceTime,
  );
  await put(
    'annulments',
    [
      {
        // an annulment's id is its check-in's (collections/annulments.ts): one check-in is annulled at most once
        id: ANNULLED_CHECKIN,
        checkinId: ANNULLED_CHECKIN,
        hubId: HUB_A,
        annulledBy: 'Marta (facilitatrice)',
        reason: 'scansione per errore',
        annulledAt: s1,
        updatedAt: s1,
      },
    ],
    (a) => a.hubId,
    (a) => a.updatedAt,
  );
  await catchUpReports(db);
  for (const [n, [firstName, lastName]] of Object.entries(NAMES))
    await savePerson(
      db,
      visitorId(Number(n)),
      HUB_A,
      {
        firstName,
        lastName,
        consent: true,
        birthYear: null,
        gender: null,
        employment: null,
        education: null,
        disadvantaged: null,
      } as PersonInput,
      'test',
    );
}

/** Users of every role (the hub lead leads hub B only); returns their session cookies. */
export async function signInEveryRole(
  t: TestServer,
): Promise<Record<'admin' | 'coordinator' | 'hub_lead' | 'viewer', string>> {
  const password = 'una password lunga';
  const roles = ['admin', 'coordinator', 'hub_lead', 'viewer'] as const;
  const out = {} as Record<(typeof roles)[number], string>;
  for (const role of roles) {
    const email = `${role}@esf.test`;
    await createUser(t.server.store.db, {
      email,
      name: role,
      role,
      hubIds: role === 'hub_lead' ? [HUB_B] : [],
      password,
    });
    out[role] = await login(t.url, email, password);
  }
  return out;
}
