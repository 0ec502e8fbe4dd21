import {
  type Card,
  encodeCardToken,
  generateKeyPair,
  type Hub,
  type Language,
  REPEAT_SCAN_WINDOW_MS,
  SERVER_ISSUER,
  type Session,
  type SigningKeyPair,
} from '@vigevano/protocol';
import { tempDir } from '@vigevano/testkit/tmp';
import { ulid } from 'ulid';
import { KioskClock } from '../clock';
import { type KioskDatabase, openKioskDatabase } from '../database/open';
import type { KioskIdentity } from '../identity';

/** A kiosk as enrolment leaves it, on a real SQLite file, with its hub, a second kiosk and the server's key. */
export interface KioskFixture {
  dir: string;
  db: KioskDatabase;
  clock: KioskClock;
  identity: KioskIdentity;
  hub: Hub;
  server: SigningKeyPair;
  otherKiosk: SigningKeyPair & { deviceId: string };
  /** a card the server issued, stored in `cards` as sync would have brought it */
  serverCard(
    alias: string,
    language?: Language,
    overrides?: Partial<Card>,
  ): Promise<{ card: Card; token: string }>;
  addSession(overrides?: Partial<Session>): Promise<Session>;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export async function createKioskFixture(
  options: {
    usesCheckout?: boolean;
    now?: number;
    /** the hub's own opening hours and time zone (instead of Mon–Sat 09–19 in Europe/Rome), window, facilitators */
    hub?: Partial<Pick<Hub, 'openingHours' | 'timezone' | 'repeatScanWindowMs' | 'facilitators'>>;
  } = {},
): Promise<KioskFixture> {
  const dir = tempDir('vigevano-kiosk-');
  const now = options.now ?? Date.now();
  const server = generateKeyPair();
  const own = generateKeyPair();
  const other = { ...generateKeyPair(), deviceId: ulid() };
  const hub: Hub = {
    id: ulid(),
    name: 'Hub Cavallerizza',
    address: 'Via Rocca Vecchia 3',
    area: 'Centro',
    targetGroups: ['young_neet'],
    focus: { assistance: 'a', promotion: 'p' },
    openingHours: [1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '19:00' })),
    position: { lat: 45.3, lon: 8.86 },
    usesCheckout: options.usesCheckout ?? false,
    closures: [],
    repeatScanWindowMs: REPEAT_SCAN_WINDOW_MS,
    facilitators: [],
    archived: false,
    timezone: 'Europe/Rome',
    updatedAt: now,
    ...options.hub,
  };
  const identity: KioskIdentity = {
    deviceId: ulid(),
    hubId: hub.id,
    name: 'Ingresso',
    serverUrl: 'http://127.0.0.1:9',
    token: 'x'.repeat(43),
    publicKey: own.publicKey,
    secretKey: own.secretKey,
    keyId: own.keyId,
    serverPublicKey: server.publicKey,
    serverKeyId: server.keyId,
  };
  const fixture = {
    dir: dir.path,
    identity,
    hub,
    server,
    otherKiosk: other,
  } as KioskFixture;
  const open = async () => {
    fixture.db = await openKioskDatabase({ directory: dir.path });
    fixture.clock = await KioskClock.open(fixture.db, identity.deviceId);
  };
  await open();
  await fixture.db.hubs.insert(hub);
  await fixture.db.devices.bulkInsert(
    [
      { id: identity.deviceId, keyId: own.keyId, publicKey: own.publicKey },
      { id: other.deviceId, keyId: other.keyId, publicKey: other.publicKey },
    ].map((d) => ({ ...d, hubId: hub.id, name: 'Totem', revoked: false, enrolledAt: now, updatedAt: now })),
  );
  fixture.serverCard = async (alias, language = 'it', overrides = {}) => {
    const card: Card = {
      id: ulid(),
      hubId: hub.id,
      visitorId: ulid(),
      alias,
      language,
      issuer: SERVER_ISSUER,
      issuedAt: now,
      revoked: false,
      updatedAt: now,
      ...overrides,
    };
    await fixture.db.cards.insert(card);
    return { card, token: encodeCardToken({ cardId: card.id, alias, language, issuedAt: now }, server) };
  };
  fixture.addSession = async (overrides = {}) => {
    const session: Session = {
      id: ulid(),
      hubId: hub.id,
      kind: 'lesson',
      activity: 'Italiano per il lavoro',
      title: 'Italiano A2',
      targetGroup: 'migrant_background',
      startsAt: now - 30 * 60_000,
      endsAt: now + 90 * 60_000,
      capacity: 0,
      facilitator: 'Chiara',
      status: 'open',
      notes: '',
      updatedAt: now,
      ...overrides,
    };
    await fixture.db.sessions.insert(session);
    return session;
  };
  fixture.reopen = async () => {
    await fixture.db.close();
    await open();
  };
  fixture.close = async () => {
    await fixture.db.close();
    dir.remove();
  };
  return fixture;
}
