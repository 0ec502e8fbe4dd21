import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, collections, isCollectionName } from './registry';
import { createDocumentValidators } from './validation';

/** A valid ULID (Crockford base32) ending in a readable tag. */
const id = (tag: string) => `01JD${'0'.repeat(22 - tag.length)}${tag}`;
const HUB = id('H1');
const DEVICE = id('D1');
const CARD = id('C1');
const SESSION = id('S1');

const validDocs = {
  hubs: {
    id: HUB,
    name: 'Hub Ticino',
    address: 'Via Ticino 1, Vigevano',
    area: 'Ticino',
    targetGroups: ['young_neet'],
    focus: { assistance: 'orientamento', promotion: 'laboratori' },
    openingHours: [{ day: 1, open: '09:00', close: '18:00' }],
    position: { lat: 45.31, lon: 8.86 },
    usesCheckout: false,
    closures: [],
    repeatScanWindowMs: 600_000,
    facilitators: [],
    archived: false,
    timezone: 'Europe/Rome',
    updatedAt: 1,
  },
  devices: {
    id: DEVICE,
    hubId: HUB,
    name: 'Ingresso',
    publicKey: 'A'.repeat(43),
    keyId: 'B'.repeat(11),
    revoked: false,
    enrolledAt: 1,
    updatedAt: 1,
  },
  cards: {
    id: CARD,
    hubId: HUB,
    visitorId: CARD,
    alias: 'Maria',
    language: 'it',
    issuer: DEVICE,
    issuedAt: 1,
    revoked: false,
    updatedAt: 1,
  },
  checkins: {
    id: id('K1'),
    hubId: HUB,
    deviceId: DEVICE,
    cardId: CARD,
    direction: 'in',
    source: 'camera',
    deviceTime: 1,
    hlc: '0000000000001-0000-x',
    updatedAt: 1,
  },
  sessions: {
    id: SESSION,
    hubId: HUB,
    kind: 'workshop',
    activity: 'Italiano per tutti',
    title: 'Lezione 1',
    targetGroup: 'migrant_background',
    startsAt: 1,
    endsAt: 2,
    capacity: 12,
    facilitator: 'Giulia',
    status: 'planned',
    notes: '',
    updatedAt: 1,
  },
  enrolments: {
    id: `${SESSION}:${CARD}`,
    sessionId: SESSION,
    hubId: HUB,
    cardId: CARD,
    alias: 'Maria',
    walkIn: false,
    attendance: 'unknown',
    updatedAt: 1,
  },
  content: {
    id: id('N1'),
    kind: 'news',
    hubIds: [],
    title: { it: 'Benvenuti', en: 'Welcome' },
    body: { it: 'Testo' },
    schedule: { from: 0, to: 10 },
    priority: 1,
    published: true,
    updatedAt: 1,
  },
  plays: {
    id: `${DEVICE}:${id('N1')}:20261126`,
    hubId: HUB,
    deviceId: DEVICE,
    contentId: id('N1'),
    day: '2026-11-26',
    shows: 12,
    seconds: 96,
    updatedAt: 1,
  },
  annulments: {
    id: id('K1'),
    hubId: HUB,
    checkinId: id('K1'),
    deviceId: DEVICE,
    annulledBy: 'Giulia',
    reason: 'tessera sbagliata',
    annulledAt: 2,
    updatedAt: 2,
  },
  refusals: {
    id: `${DEVICE}:2026112609:revoked`,
    hubId: HUB,
    deviceId: DEVICE,
    day: '2026-11-26',
    hour: 9,
    reason: 'revoked',
    count: 3,
    updatedAt: 1,
  },
  notices: {
    id: id('A1'),
    hubIds: [],
    deviceIds: [DEVICE],
    tags: ['totem'],
    title: { it: 'Chiusura anticipata', en: 'Closing early' },
    text: { it: "L'hub chiude alle 16 per un guasto." },
    startsAt: 1,
    endsAt: 2,
    updatedAt: 1,
  },
  card_keys: {
    id: 'B'.repeat(11),
    publicKey: 'A'.repeat(43),
    validUntil: 2,
    updatedAt: 1,
  },
} as const;

describe('collections', () => {
  it('covers every collection of the architecture, each named after itself', () => {
    expect(COLLECTION_NAMES.sort()).toEqual(
      [
        'annulments',
        'card_keys',
        'cards',
        'checkins',
        'content',
        'devices',
        'enrolments',
        'hubs',
        'notices',
        'plays',
        'refusals',
        'sessions',
      ].sort(),
    );
    for (const name of COLLECTION_NAMES) {
      expect(collections[name].name).toBe(name);
      expect(collections[name].schema.title).toBe(name);
      expect(isCollectionName(name)).toBe(true);
    }
    expect(isCollectionName('toString')).toBe(false);
    expect(isCollectionName('visitors')).toBe(false);
  });

  it('lets devices push only what kiosks write, and never server-only collections', () => {
    for (const def of Object.values(collections)) {
      expect(def.devicesPush).toBe(def.conflict.kind !== 'server-only');
    }
    expect(collections.checkins.conflict.kind).toBe('immutable');
  });

  const validators = createDocumentValidators();

  it.each(COLLECTION_NAMES)('accepts a valid %s document', (name) => {
    expect(validators[name](validDocs[name])).toEqual([]);
  });

  it.each(COLLECTION_NAMES)('refuses a %s document with an unknown field or a missing one', (name) => {
    expect(validators[name]({ ...validDocs[name], sneaky: 1 })).toEqual([
      { path: '/sneaky', code: 'unknown_field', message: 'is not a known field' },
    ]);
    const { updatedAt: _drop, ...missing } = validDocs[name];
    expect(validators[name](missing)).toEqual([
      { path: '/updatedAt', code: 'required', message: 'is required' },
    ]);
  });

  it('refuses ids that are not ULIDs and a language it does not know', () => {
    expect(validators.checkins({ ...validDocs.checkins, id: "1' OR '1'='1" })).toEqual([
      {
        path: '/id',
        code: 'pattern',
        message: 'must be an id (ULID: 26 characters 0-9 and A-Z without I, L, O, U)',
      },
    ]);
    expect(validators.cards({ ...validDocs.cards, language: 'xx' })).toEqual([
      {
        path: '/language',
        code: 'enum',
        message: 'must be one of "it", "en", "ar", "fr", "es", "ro", "sq", "uk", "zh"',
        allowed: ['it', 'en', 'ar', 'fr', 'es', 'ro', 'sq', 'uk', 'zh'],
      },
    ]);
    expect(
      validators.hubs({ ...validDocs.hubs, openingHours: [{ day: 7, open: '9', close: '18:00' }] }),
    ).toEqual([
      { path: '/openingHours/0/day', code: 'maximum', limit: 6, message: expect.stringContaining('6') },
      {
        path: '/openingHours/0/open',
        code: 'pattern',
        message: expect.stringContaining('^[0-2][0-9]:[0-5][0-9]$'),
      },
    ]);
    expect(validators.checkins('not a document')).toEqual([
      { path: '/', code: 'type', expected: 'object', message: 'must be object' },
    ]);
  });

  it('keeps the card-signing keys server-written, city-wide, with a key id as id', () => {
    expect(collections.card_keys).toMatchObject({ scope: 'city', devicesPush: false });
    expect(collections.card_keys.authority).toMatchObject({ create: 'server', owner: 'server' });
    expect(validators.card_keys({ ...validDocs.card_keys, id: 'short' })[0]?.path).toBe('/id');
    const { validUntil: _current, ...signing } = validDocs.card_keys;
    expect(validators.card_keys(signing)).toEqual([]);
  });
});
