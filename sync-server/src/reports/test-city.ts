import type { Card, Checkin, Enrolment, Session } from '@vigevano/protocol';
import { seededRandom } from '../demo/random';

// A small random city for the report tests: hubs, cards (some visitors with two cards), sessions whose activity
// can change, and check-ins around week and month boundaries, including guests and check-outs.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const testId = (prefix: string, n: number) => {
  let s = '';
  let x = n;
  for (let i = 0; i < 6; i++) {
    s = CROCKFORD[x % 32] + s;
    x = Math.floor(x / 32);
  }
  return `01JD${prefix.padEnd(16, '0')}${s}`.slice(0, 26);
};

export const HUBS = ['HUBA', 'HUBB', 'HUBC'].map((h, i) => testId(h, i));
const ACTIVITIES = [
  { activity: 'Italiano', targetGroup: 'migrant_background' },
  { activity: 'Smartphone', targetGroup: 'elderly' },
  { activity: 'Compiti', targetGroup: 'fragile_housing_families' },
] as const;

export interface TestCity {
  cards: Card[];
  sessions: Session[];
  checkins: Checkin[];
  enrolments: Enrolment[];
}

/** A deterministic random city around `start` (ms), over `days` days. */
export function testCity(seed: number, start: number, days = 70, visitors = 24, checkins = 300): TestCity {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const cards: Card[] = [];
  for (let v = 0; v < visitors; v++) {
    const visitorId = testId('VIS', v);
    const copies = random() < 0.15 ? 2 : 1;
    for (let k = 0; k < copies; k++)
      cards.push({
        id: testId('CARD', v * 4 + k),
        hubId: HUBS[v % HUBS.length] as string,
        visitorId,
        alias: `Visitatore ${v}`,
        language: 'it',
        issuer: 'server',
        issuedAt: start,
        revoked: false,
        updatedAt: start,
      });
  }
  const sessions: Session[] = [];
  for (let s = 0; s < 12; s++) {
    const a = pick(ACTIVITIES);
    const startsAt = start + Math.floor(random() * days) * 86_400_000 + 10 * 3_600_000;
    sessions.push({
      id: testId('SES', s),
      hubId: pick(HUBS),
      kind: 'lesson',
      activity: a.activity,
      title: `${a.activity} ${s}`,
      targetGroup: a.targetGroup,
      startsAt,
      endsAt: startsAt + 3_600_000,
      capacity: 10,
      facilitator: 'Giulia',
      status: 'closed',
      notes: '',
      updatedAt: startsAt,
    });
  }
  const list: Checkin[] = [];
  for (let i = 0; i < checkins; i++) {
    const card = pick(cards);
    const guest = random() < 0.08;
    const home = card.hubId;
    const hubId = random() < 0.7 ? home : pick(HUBS);
    const session = random() < 0.35 ? pick(sessions) : undefined;
    const deviceTime =
      start + Math.floor(random() * days * 24) * 3_600_000 + Math.floor(random() * 3_600_000);
    list.push({
      id: testId('CHK', i),
      hubId,
      deviceId: testId('DEV', HUBS.indexOf(hubId)),
      ...(guest ? { guest: { ageBand: '18_29', firstVisit: true } } : { cardId: card.id }),
      ...(session ? { sessionId: session.id } : {}),
      direction: random() < 0.1 ? 'out' : 'in',
      source: guest ? 'guest' : 'camera',
      deviceTime,
      hlc: `${deviceTime}-0000-x`,
      updatedAt: deviceTime,
    });
  }
  const enrolments: Enrolment[] = sessions.flatMap((s, i) =>
    cards.slice(i, i + 4).map((c) => ({
      id: `${s.id}:${c.id}`,
      sessionId: s.id,
      hubId: s.hubId,
      cardId: c.id,
      alias: c.alias,
      walkIn: false,
      attendance: random() < 0.6 ? 'present' : 'absent',
      updatedAt: s.startsAt,
    })),
  );
  return { cards, sessions, checkins: list, enrolments };
}
