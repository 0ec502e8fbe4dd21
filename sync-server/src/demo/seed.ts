import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AGE_BANDS,
  addLocalDays,
  atLocalTime,
  type Card,
  type Checkin,
  CITY_TIME_ZONE,
  type Content,
  facilitatorPinProblem,
  formatHlc,
  generateKeyPair,
  type Hub,
  hashFacilitatorPin,
  type KioskIdentity,
  REPEAT_SCAN_WINDOW_MS,
  SERVER_ISSUER,
  type Session,
  type SigningKeyPair,
  startOfLocalWeek,
} from '@vigevano/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import { createUser } from '../auth/users';
import { createEnrolmentCode, enrolDeviceInTransaction } from '../devices/enrolment';
import { putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { DEMO_HUBS, DEMO_OPENING_HOURS, DEMO_USERS, DEMO_VISITORS, type DemoHub } from './city';
import { DEMO_CONTENT } from './content';
import { seedHistory } from './history';
import { seededRandom } from './random';

const SEEDED_KEY = 'demo_city_seeded_at';
const KIOSK_NAMES = ['Ingresso', 'Sala corsi'];

/** What a demo kiosk needs to start (written to DATA_DIR/kiosks/<deviceId>/identity.json), and its hub's name. */
export type DemoKioskIdentity = KioskIdentity & { hubName: string };

export interface SeedOptions {
  db: Kysely<Database>;
  serverKey: SigningKeyPair;
  dataDir: string;
  serverUrl: string;
  /** the city's release public key, pinned in each demo kiosk's identity like a real enrolment does */
  releasePublicKey?: string | undefined;
  log: Pick<FastifyBaseLogger, 'info'>;
  now?: number;
}

/**
 * Seeds the demo city on the first start (3 hubs, 2 enrolled kiosks each, this week's sessions, 60 visitors
 * with cards, a week of check-ins, info-screen content, one user per role). All rows go in one transaction,
 * so a crash half way leaves nothing; the kiosks' identities and the logins are then written to DATA_DIR.
 */
export async function seedDemoCityOnce(options: SeedOptions): Promise<boolean> {
  const { db, dataDir, log } = options;
  const done = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SEEDED_KEY)
    .executeTakeFirst();
  if (done) return false;
  const now = options.now ?? Date.now();
  const { kiosks, logins, facilitators } = await db.transaction().execute((tx) => seed(tx, options, now));

  for (const kiosk of kiosks) {
    const dir = join(dataDir, 'kiosks', kiosk.deviceId);
    mkdirSync(dir, { recursive: true });
    writePrivateJson(join(dir, 'identity.json'), kiosk);
  }
  writePrivateJson(join(dataDir, 'demo-credentials.json'), logins);
  writePrivateJson(join(dataDir, 'demo-facilitators.json'), facilitators);
  log.info(
    { hubs: DEMO_HUBS.length, kiosks: kiosks.length, visitors: DEMO_VISITORS.length },
    'demo city seeded',
  );
  return true;
}

function writePrivateJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

async function seed(tx: Transaction<Database>, options: SeedOptions, now: number) {
  const random = seededRandom(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Each hub's facilitator (the first activity's) with a PIN: random and acceptable to the PIN rules, its scrypt
  // hash in the facilitators table and the hub document, the PIN in clear only in DATA_DIR.
  const pins = DEMO_HUBS.map(() => demoPin());
  const hubs = DEMO_HUBS.map((demo, i) => {
    const hub = hubDocument(demo, now);
    const facilitator = {
      id: ulid(now),
      name: demo.activities[0]?.facilitator ?? 'Facilitatore',
      pin: hashFacilitatorPin(pins[i] as string),
    };
    return { demo, pin: pins[i] as string, facilitator, hub: { ...hub, facilitators: [facilitator] } };
  });
  for (const { hub, facilitator } of hubs) {
    await tx
      .insertInto('facilitators')
      .values({
        id: facilitator.id,
        name: facilitator.name,
        pin_salt: facilitator.pin.salt,
        pin_hash: facilitator.pin.hash,
        pin_cost: facilitator.pin.cost,
        pin_set_at: now,
        card_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('facilitator_hubs')
      .values({ facilitator_id: facilitator.id, hub_id: hub.id })
      .execute();
  }
  await putDocuments(
    tx,
    hubs.map(({ hub }) => ({ collection: 'hubs', hubId: hub.id, at: null, body: hub })),
  );
  const hubId = (key: DemoHub['key']) => hubs.find((h) => h.demo.key === key)?.hub.id as string;

  const logins = [];
  for (const user of DEMO_USERS) {
    const password = randomBytes(9).toString('base64url');
    await createUser(tx, {
      email: user.email,
      name: user.name,
      role: user.role,
      hubIds: 'hub' in user ? [hubId(user.hub)] : [],
      password,
    });
    logins.push({ role: user.role, email: user.email, password });
  }

  const kiosks: DemoKioskIdentity[] = [];
  for (const { hub } of hubs) {
    for (const name of KIOSK_NAMES) {
      const key = generateKeyPair();
      const { code } = await createEnrolmentCode(tx, hub.id, null, now);
      const identity = await enrolDeviceInTransaction(
        tx,
        { code, name, publicKey: key.publicKey },
        options.serverKey,
        now,
      );
      kiosks.push({
        ...identity,
        hubName: hub.name,
        name,
        serverUrl: options.serverUrl,
        publicKey: key.publicKey,
        secretKey: key.secretKey,
        keyId: key.keyId,
        ...(options.releasePublicKey ? { releasePublicKey: options.releasePublicKey } : {}),
      });
    }
  }

  const sessions = hubs.flatMap(({ demo, hub }) => weekSessions(demo, hub, now));
  await putDocuments(
    tx,
    sessions.map((s) => ({ collection: 'sessions', hubId: s.hubId, at: s.startsAt, body: s })),
  );

  // Twenty visitors per hub; every card signed by the server's key (see /demo/cards).
  const cards: Card[] = DEMO_VISITORS.map(([alias, language], i) => {
    const home = hubs[i % hubs.length]?.hub as Hub;
    const issuedAt = now - Math.floor(random() * 60) * 86_400_000;
    return {
      id: ulid(issuedAt),
      hubId: home.id,
      visitorId: ulid(issuedAt),
      alias,
      language,
      issuer: SERVER_ISSUER,
      issuedAt,
      revoked: false,
      updatedAt: issuedAt,
    };
  });
  // One facilitator card per hub: scanned at a kiosk it opens facilitator mode (so does the hub's PIN).
  const facilitatorCards: Card[] = hubs.map(({ demo, hub }) => ({
    id: ulid(now),
    hubId: hub.id,
    visitorId: ulid(now),
    alias: `${demo.activities[0]?.facilitator.split(' ')[0] ?? 'Staff'} · facilitatore`.slice(0, 24),
    language: 'it',
    issuer: SERVER_ISSUER,
    issuedAt: now,
    revoked: false,
    role: 'facilitator',
    // the server grants facilitator mode per hub: this card opens it at its own hub's kiosks only
    facilitatorHubs: [hub.id],
    updatedAt: now,
  }));
  await putDocuments(
    tx,
    [...cards, ...facilitatorCards].map((c) => ({
      collection: 'cards',
      hubId: c.hubId,
      at: c.issuedAt,
      body: c,
    })),
  );

  // A week of check-ins during opening hours, up to now: mostly at the visitor's own hub, some at another
  // (the connections the dashboard shows), and a few guests without a card.
  const checkins: Checkin[] = [];
  for (let day = -6; day <= 0; day++) {
    const opens = atLocalTime(CITY_TIME_ZONE, addLocalDays(CITY_TIME_ZONE, now, day), '09:00');
    for (const { hub } of hubs) {
      const devices = kiosks.filter((k) => k.hubId === hub.id);
      const visits = 6 + Math.floor(random() * 10);
      for (let v = 0; v < visits; v++) {
        const deviceTime = opens + Math.floor(random() * 600) * 60_000;
        if (deviceTime > now) continue;
        const own = cards.filter((c) => c.hubId === hub.id);
        const guest = random() < 0.12;
        const card = random() < 0.8 ? pick(own) : pick(cards);
        const deviceId = pick(devices).deviceId;
        checkins.push({
          id: ulid(deviceTime),
          hubId: hub.id,
          deviceId,
          ...(guest
            ? { guest: { ageBand: pick(AGE_BANDS), firstVisit: random() < 0.5 } }
            : { cardId: card.id }),
          direction: 'in',
          source: guest ? 'guest' : random() < 0.85 ? 'camera' : 'scanner',
          deviceTime,
          hlc: formatHlc({ wallMs: deviceTime, counter: 0, node: deviceId }),
          updatedAt: deviceTime,
        });
      }
    }
  }
  await putDocuments(
    tx,
    checkins.map((c) => ({ collection: 'checkins', hubId: c.hubId, at: c.deviceTime, body: c })),
  );

  const from = startOfLocalWeek(CITY_TIME_ZONE, now);
  const content: Content[] = DEMO_CONTENT.map((item) => ({
    id: ulid(now),
    kind: item.kind,
    hubIds: item.for.map(hubId),
    title: item.title,
    body: item.body,
    schedule: { from, to: addLocalDays(CITY_TIME_ZONE, from, 60) },
    priority: item.priority,
    ...(item.layout ? { layout: item.layout } : {}),
    ...(item.panel ? { panel: item.panel } : {}),
    published: true,
    updatedAt: now,
  }));
  await putDocuments(
    tx,
    content.map((c) => ({ collection: 'content', hubId: null, at: c.schedule.from, body: c })),
  );

  await seedHistory(tx, { hubs, cards, kiosks, now });
  await tx
    .insertInto('settings')
    .values({ key: SEEDED_KEY, value: String(now) })
    .execute();
  for (const [i, { facilitator }] of hubs.entries()) {
    const cardId = facilitatorCards[i]?.id;
    if (cardId)
      await tx
        .updateTable('facilitators')
        .set({ card_id: cardId })
        .where('id', '=', facilitator.id)
        .execute();
  }
  const facilitators = hubs.map(({ hub, pin, facilitator }, i) => ({
    hubName: hub.name,
    name: facilitator.name,
    pin,
    card: facilitatorCards[i]?.alias,
  }));
  return { kiosks, logins, facilitators };
}

/** A 6-digit PIN the PIN rules accept (no sequence, repetition or common PIN). */
function demoPin(): string {
  for (;;) {
    const pin = String(100_000 + Math.floor(Math.random() * 900_000));
    if (!facilitatorPinProblem(pin)) return pin;
  }
}

function hubDocument(demo: DemoHub, now: number): Hub {
  return {
    id: ulid(now),
    name: demo.name,
    address: demo.address,
    area: demo.area,
    targetGroups: demo.targetGroups,
    focus: demo.focus,
    openingHours: DEMO_OPENING_HOURS,
    position: demo.position,
    usesCheckout: demo.usesCheckout,
    closures: [],
    repeatScanWindowMs: REPEAT_SCAN_WINDOW_MS,
    facilitators: [],
    archived: false,
    timezone: CITY_TIME_ZONE,
    updatedAt: now,
  };
}

/** The hub's sessions of the current week (Monday to Sunday): past ones closed, later ones planned. */
function weekSessions(demo: DemoHub, hub: Hub, now: number): Session[] {
  const monday = startOfLocalWeek(hub.timezone, now);
  const sessions: Session[] = [];
  for (const activity of demo.activities) {
    for (const weekday of activity.days) {
      // The wall-clock time on that day in the hub's zone (not midnight + hours: see packages/protocol time.ts).
      const startsAt = atLocalTime(
        hub.timezone,
        addLocalDays(hub.timezone, monday, weekday - 1),
        activity.start,
      );
      const endsAt = startsAt + activity.minutes * 60_000;
      sessions.push({
        id: ulid(startsAt),
        hubId: hub.id,
        kind: activity.kind,
        activity: activity.activity,
        title: activity.title,
        targetGroup: activity.targetGroup,
        startsAt,
        endsAt,
        capacity: activity.capacity,
        facilitator: activity.facilitator,
        status: endsAt < now ? 'closed' : 'planned',
        notes: '',
        updatedAt: Math.min(now, startsAt),
      });
    }
  }
  return sessions;
}
