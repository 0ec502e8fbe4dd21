import {
  addLocalDays,
  atLocalTime,
  type Card,
  type Checkin,
  CITY_TIME_ZONE,
  type Enrolment,
  enrolmentId,
  formatHlc,
  type Hub,
  type PersonInput,
  type Session,
  startOfLocalWeek,
} from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import { ulid } from 'ulid';
import { savePerson } from '../dashboard/people/store';
import { putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import type { DemoHub } from './city';
import { seededRandom } from './random';
import { seedRefusals } from './refusals';

/** Weeks of history before the current one, so the dashboard's charts, sessions and ESF+ report have data. */
const HISTORY_WEEKS = 4;

const CLOSING_NOTES = [
  'Gruppo attento e puntuale; ripreso il lavoro della volta scorsa.',
  'Due partecipanti nuovi, inseriti bene nel gruppo.',
  'Manca materiale stampato: portare le schede per la prossima volta.',
  'Molte domande pratiche; prevedere mezz’ora in più.',
  'Presenze in calo per la pioggia; recuperare il tema la prossima settimana.',
  '',
];

const PEOPLE: Array<Omit<PersonInput, 'firstName' | 'lastName' | 'consent'>> = [
  { gender: 'female', birthYear: 1958, employment: 'inactive', education: 'isced_0_2', disadvantaged: [] },
  {
    gender: 'male',
    birthYear: 2004,
    employment: 'unemployed',
    education: 'isced_3_4',
    disadvantaged: ['foreign_origin'],
  },
  {
    gender: 'female',
    birthYear: 1999,
    employment: 'long_term_unemployed',
    education: 'isced_3_4',
    disadvantaged: ['third_country_national', 'foreign_origin'],
  },
  {
    gender: 'male',
    birthYear: 1950,
    employment: 'inactive',
    education: 'isced_0_2',
    disadvantaged: ['disability'],
  },
  { gender: 'female', birthYear: 1987, employment: 'employed', education: 'isced_5_8', disadvantaged: null },
  {
    gender: 'non_binary',
    birthYear: 2009,
    employment: 'in_education',
    education: 'isced_0_2',
    disadvantaged: [],
  },
  {
    gender: 'female',
    birthYear: 1979,
    employment: 'self_employed',
    education: null,
    disadvantaged: ['homeless_or_housing_exclusion'],
  },
  { gender: null, birthYear: null, employment: 'unemployed', education: null, disadvantaged: null },
];
const SURNAMES = [
  'Rossi',
  'Bianchi',
  'Colombo',
  'Ferrari',
  'Haddad',
  'Kovalenko',
  'Popescu',
  'Hoxha',
  'Zhang',
  'Diallo',
];

export interface HistoryInput {
  hubs: Array<{ demo: DemoHub; hub: Hub }>;
  /** visitors' cards (not staff cards) */
  cards: Card[];
  kiosks: Array<{ deviceId: string; hubId: string }>;
  now: number;
}

/**
 * Four weeks before this one: each hub's sessions (closed, some with the facilitator's notes), their rosters with
 * attendance, check-ins for them and free visits, check-outs at hubs that use them; and personal data with
 * consent (ESF+ characteristics) for a third of the visitors. Deterministic apart from ids.
 */
export async function seedHistory(tx: Transaction<Database>, input: HistoryInput): Promise<void> {
  const random = seededRandom(88);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const thisWeek = startOfLocalWeek(CITY_TIME_ZONE, input.now);
  // Local midnights, computed once each (Intl time-zone arithmetic is the slow part of seeding).
  const midnights = new Map<number, number>();
  const midnight = (daysFromThisWeek: number) => {
    let m = midnights.get(daysFromThisWeek);
    if (m === undefined) {
      m = addLocalDays(CITY_TIME_ZONE, thisWeek, daysFromThisWeek);
      midnights.set(daysFromThisWeek, m);
    }
    return m;
  };
  const sessions: Session[] = [];
  const enrolments: Enrolment[] = [];
  const checkins: Checkin[] = [];
  const checkin = (
    hub: Hub,
    cardId: string | undefined,
    at: number,
    sessionId?: string,
    direction: 'in' | 'out' = 'in',
  ) => {
    const devices = input.kiosks.filter((k) => k.hubId === hub.id);
    const deviceId = pick(devices).deviceId;
    checkins.push({
      id: ulid(at),
      hubId: hub.id,
      deviceId,
      ...(cardId
        ? { cardId }
        : {
            guest: {
              ageBand: pick(['under_18', '18_29', '30_54', '55_plus'] as const),
              firstVisit: random() < 0.5,
            },
          }),
      ...(sessionId ? { sessionId } : {}),
      direction,
      source: cardId ? (random() < 0.85 ? 'camera' : 'scanner') : 'guest',
      deviceTime: at,
      hlc: formatHlc({ wallMs: at, counter: 0, node: deviceId }),
      updatedAt: at,
    });
  };

  for (let week = HISTORY_WEEKS; week >= 1; week--) {
    const monday = -7 * week;
    for (const { demo, hub } of input.hubs) {
      const own = input.cards.filter((c) => c.hubId === hub.id);
      for (const activity of demo.activities)
        for (const weekday of activity.days) {
          const startsAt = atLocalTime(CITY_TIME_ZONE, midnight(monday + weekday - 1), activity.start);
          const cancelled = random() < 0.04;
          const session: Session = {
            id: ulid(startsAt),
            hubId: hub.id,
            kind: activity.kind,
            activity: activity.activity,
            title: activity.title,
            targetGroup: activity.targetGroup,
            startsAt,
            endsAt: startsAt + activity.minutes * 60_000,
            capacity: activity.capacity,
            facilitator: activity.facilitator,
            status: cancelled ? 'cancelled' : 'closed',
            notes: cancelled ? 'Annullata: facilitatore assente.' : pick(CLOSING_NOTES),
            updatedAt: startsAt + activity.minutes * 60_000,
          };
          sessions.push(session);
          if (cancelled) continue;
          if (activity.capacity > 0) {
            // A roster of regulars (mostly from this hub), most of them present; a walk-in now and then.
            const size = Math.min(activity.capacity, 4 + Math.floor(random() * 5));
            const roster = new Set<Card>();
            while (roster.size < size) roster.add(random() < 0.85 ? pick(own) : pick(input.cards));
            for (const card of roster) {
              const walkIn = random() < 0.1;
              const present = walkIn || random() < 0.75;
              enrolments.push({
                id: enrolmentId(session.id, card.id),
                sessionId: session.id,
                hubId: hub.id,
                cardId: card.id,
                alias: card.alias,
                walkIn,
                attendance: present ? 'present' : 'absent',
                markedBy: activity.facilitator,
                updatedAt: session.endsAt,
              });
              if (present) checkin(hub, card.id, startsAt - Math.floor(random() * 10) * 60_000, session.id);
            }
          } else {
            // Help desks: walk-ins check in for the shift.
            const visits = 3 + Math.floor(random() * 6);
            for (let v = 0; v < visits; v++)
              checkin(
                hub,
                random() < 0.1 ? undefined : pick(own).id,
                startsAt + Math.floor(random() * activity.minutes) * 60_000,
                session.id,
              );
          }
        }
      // Free visits (no session) on opening days, and check-outs where the hub uses them.
      for (let d = 0; d < 6; d++) {
        const opens = atLocalTime(CITY_TIME_ZONE, midnight(monday + d), '09:00');
        const visits = 2 + Math.floor(random() * 6);
        for (let v = 0; v < visits; v++) {
          const at = opens + Math.floor(random() * (d === 5 ? 240 : 600)) * 60_000;
          const card = random() < 0.08 ? undefined : random() < 0.8 ? pick(own) : pick(input.cards);
          checkin(hub, card?.id, at);
          if (card && hub.usesCheckout && random() < 0.7)
            checkin(hub, card.id, at + (40 + Math.floor(random() * 90)) * 60_000, undefined, 'out');
        }
      }
    }
  }
  offlineTwins(input, midnight(-7 + 2) + 10 * 3_600_000, checkins);
  await putDocuments(
    tx,
    sessions.map((s) => ({ collection: 'sessions', hubId: s.hubId, at: s.startsAt, body: s })),
  );
  await putDocuments(
    tx,
    enrolments.map((e) => ({ collection: 'enrolments', hubId: e.hubId, at: null, body: e })),
  );
  await putDocuments(
    tx,
    checkins.map((c) => ({ collection: 'checkins', hubId: c.hubId, at: c.deviceTime, body: c })),
  );
  await seedRefusals(tx, input.kiosks, input.now);

  const admin = await tx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  const visitors = [...new Map(input.cards.map((c) => [c.visitorId, c])).values()];
  for (const [i, card] of visitors.entries()) {
    if (i % 3 !== 0) continue;
    const traits = PEOPLE[(i / 3) % PEOPLE.length] as (typeof PEOPLE)[number];
    await savePerson(
      tx,
      card.visitorId,
      card.hubId,
      {
        firstName: card.alias.split(' ')[0] as string,
        lastName: SURNAMES[i % SURNAMES.length] as string,
        consent: true,
        ...traits,
      },
      admin.id,
      input.now,
    );
  }
}

/**
 * Last Wednesday morning both kiosks of the first hub lost the network together: three visitors, scanned at one,
 * walked to the other a few minutes later and were admitted again (neither kiosk knew). The reports count them
 * once; the dashboard says how many such check-ins it left out. No random draws, so the rest stays as it was.
 */
function offlineTwins(input: HistoryInput, at: number, checkins: Checkin[]): void {
  const hubId = input.hubs[0]?.hub.id;
  const [first, second] = input.kiosks.filter((k) => k.hubId === hubId);
  if (!first || !second) return;
  const cards = input.cards.filter((c) => c.hubId === hubId).slice(0, 3);
  cards.forEach((card, i) => {
    for (const [kiosk, time] of [
      [first, at + i * 20 * 60_000],
      [second, at + (i * 20 + 3) * 60_000],
    ] as const)
      checkins.push({
        id: ulid(time),
        hubId: kiosk.hubId,
        deviceId: kiosk.deviceId,
        cardId: card.id,
        direction: 'in',
        source: 'camera',
        deviceTime: time,
        hlc: formatHlc({ wallMs: time, counter: 0, node: kiosk.deviceId }),
        updatedAt: time,
      });
  });
}
