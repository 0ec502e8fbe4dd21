import type { Card, Checkin, Hub, PersonInput } from '@vigevano/protocol';
import { createUser } from '../auth/users';
import { catchUpReports } from '../reports/feed';
import { testId } from '../reports/test-city';
import { putDocuments } from '../store/documents';
import { login, type TestServer } from '../testing/test-server';
import { savePerson } from './people/store';

// A small fixed city for exact report tests: two hubs, seven card holders (six with personal data), a guest, and
// visits on known days. The tests work their expected values out from what is written here.

export const HUB_A = testId('HBA', 1);
export const HUB_B = testId('HBB', 2);
export const FIXED_YEAR = 2026;

/** A hub document for the fixed test cities (check-out off unless asked). */
export const fixedHub = (id: string, name: string, usesCheckout = false): Hub =>
  ({
    id,
    name,
    address: 'Via Roma 1',
    area: 'Centro',
    targetGroups: ['everyone'],
    focus: { assistance: 'a', promotion: 'p' },
    openingHours: [],
    usesCheckout,
    closures: [],
    repeatScanWindowMs: 600_000,
    facilitators: [],
    archived: false,
    timezone: 'Europe/Rome',
    updatedAt: Date.parse('2026-01-01T00:00:00Z'),
  }) as unknown as Hub;

/** Visitor n: the personal data recorded (null: none) and the hubs and days (Rome, 10:00) of their visits. */
const FIXED_VISITORS: Array<{
  person: Omit<PersonInput, 'firstName' | 'lastName' | 'consent'> | null;
  visits: Array<[string, string]>;
}> = [
  // 0 Anna: 29 in 2026, two hubs (A then B: one move)
  {
    person: {
      birthYear: 1997,
      gender: 'female',
      employment: 'long_term_unemployed',
      education: 'isced_3_4',
      disadvantaged: ['third_country_national', 'rural_area'],
    },
    visits: [
      [HUB_A, '2026-03-10'],
      [HUB_B, '2026-03-12'],
    ],
  },
  // 1 Piero: 55 in 2026, recorded with no group; also came in 2025
  {
    person: { birthYear: 1971, gender: 'male', employment: null, education: null, disadvantaged: [] },
    visits: [
      [HUB_A, '2025-11-03'],
      [HUB_A, '2026-03-10'],
      [HUB_A, '2026-03-11'],
    ],
  },
  // 2 no personal data
  { person: null, visits: [[HUB_B, '2026-03-10']] },
  // 3 Sara: 17 in 2026
  {
    person: {
      birthYear: 2009,
      gender: 'non_binary',
      employment: 'in_education',
      education: 'isced_0_2',
      disadvantaged: null,
    },
    visits: [[HUB_A, '2026-03-11']],
  },
  // 4 Lucia: 30 in 2026, four groups
  {
    person: {
      birthYear: 1996,
      gender: 'female',
      employment: 'employed',
      education: 'isced_5_8',
      disadvantaged: ['disability', 'foreign_origin', 'minority', 'homeless_or_housing_exclusion'],
    },
    visits: [[HUB_B, '2026-03-11']],
  },
  // 5 Marco: 54 in 2026
  {
    person: {
      birthYear: 1972,
      gender: 'male',
      employment: 'unemployed',
      education: 'isced_0_2',
      disadvantaged: [],
    },
    visits: [[HUB_A, '2026-03-12']],
  },
  // 6 Giulia: 18 in 2026; B then A the same week (one move back)
  {
    person: {
      birthYear: 2008,
      gender: 'female',
      employment: 'inactive',
      education: null,
      disadvantaged: null,
    },
    visits: [
      [HUB_B, '2026-03-10'],
      [HUB_A, '2026-03-12'],
    ],
  },
];

const at = (day: string) => Date.parse(`${day}T09:00:00Z`); // 10:00 in Rome (winter time)

/** Writes the fixed city into the server's store, brings the reports up to date, and signs in an admin. */
export async function loadFixedCity(t: TestServer): Promise<{ admin: string }> {
  const db = t.server.store.db;
  const start = Date.parse('2025-10-01T00:00:00Z');
  await putDocuments(
    db,
    [fixedHub(HUB_A, 'Hub Alfa'), fixedHub(HUB_B, 'Hub Beta')].map((body) => ({
      collection: 'hubs',
      hubId: body.id,
      at: null,
      body,
    })),
  );
  const cards: Card[] = FIXED_VISITORS.map((_, n) => ({
    id: testId('CARD', n),
    hubId: HUB_A,
    visitorId: testId('VIS', n),
    alias: `Visitatore ${n}`,
    language: 'it',
    issuer: 'server',
    issuedAt: start,
    revoked: false,
    updatedAt: start,
  }));
  await putDocuments(
    db,
    cards.map((body) => ({ collection: 'cards', hubId: body.hubId, at: null, body })),
  );
  let n = 0;
  const checkin = (hubId: string, day: string, cardId?: string): Checkin => {
    const deviceTime = at(day) + n * 60_000;
    n += 1;
    return {
      id: testId('CHK', n),
      hubId,
      deviceId: testId('DEV', hubId === HUB_A ? 1 : 2),
      ...(cardId ? { cardId } : { guest: { ageBand: '30_54', firstVisit: true } }),
      direction: 'in',
      source: cardId ? 'camera' : 'guest',
      deviceTime,
      hlc: `${deviceTime}-0000-x`,
      updatedAt: deviceTime,
    } as Checkin;
  };
  const checkins = FIXED_VISITORS.flatMap((v, i) =>
    v.visits.map(([h, day]) => checkin(h, day, cards[i]?.id)),
  );
  checkins.push(checkin(HUB_A, '2026-03-10'));
  await putDocuments(
    db,
    checkins.map((body) => ({ collection: 'checkins', hubId: body.hubId, at: body.deviceTime, body })),
  );
  await catchUpReports(db);
  for (const [i, v] of FIXED_VISITORS.entries())
    if (v.person)
      await savePerson(
        db,
        testId('VIS', i),
        HUB_A,
        { firstName: 'Nome', lastName: `Cognome ${i}`, consent: true, ...v.person } as PersonInput,
        'test',
      );
  await createUser(db, {
    email: 'admin@fixed.test',
    name: 'Admin',
    role: 'admin',
    hubIds: [],
    password: 'una password lunga',
  });
  return { admin: await login(t.url, 'admin@fixed.test', 'una password lunga') };
}
