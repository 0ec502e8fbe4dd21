import { type Static, Type } from 'typebox';
import type { Card } from '../collections/cards';
import type { Content } from '../collections/content';
import type { Device } from '../collections/devices';
import type { Hub } from '../collections/hubs';
import type { Session } from '../collections/sessions';
import { PublicKey, Ulid } from '../schema/fields';
import { documentOf, errorResponses, ulidParams } from './schema';

/** A coordinator creates a one-time, expiring code for a hub; a kiosk exchanges it for its identity. */
export const EnrolmentCodeResponse = Type.Object({
  code: Type.String({ description: 'one-time code, typed at the kiosk or scanned from a QR' }),
  hubId: Type.String(),
  expiresAt: Type.Number(),
});
export type EnrolmentCodeResponse = Static<typeof EnrolmentCodeResponse>;

export const EnrolRequest = Type.Object(
  {
    code: Type.String({ minLength: 6, maxLength: 64 }),
    name: Type.String({
      minLength: 1,
      maxLength: 80,
      description: 'where the kiosk stands, e.g. "Ingresso"',
    }),
    publicKey: PublicKey({ description: 'Ed25519 public key, base64url' }),
  },
  { additionalProperties: false },
);
export type EnrolRequest = Static<typeof EnrolRequest>;

export const EnrolResponse = Type.Object({
  deviceId: Ulid(),
  hubId: Ulid(),
  token: Type.String({ description: 'bearer token; the server keeps only its hash' }),
  serverPublicKey: Type.String(),
  serverKeyId: Type.String(),
  releasePublicKey: Type.Union([Type.String(), Type.Null()], {
    description: "the city's release signing public key (Ed25519, base64url), null when none is configured",
  }),
});
export type EnrolResponse = Static<typeof EnrolResponse>;

/**
 * What a kiosk needs to work alone, until replication (the sync issue) replaces this one-shot pull:
 * its hub, the hub's sessions from the start of today for 7 days, the content it may show, and the public
 * keys of every card issuer (the server and every device) so it can verify any card offline.
 */
export const DeviceSnapshot = Type.Object({
  device: Type.Object({ id: Type.String(), hubId: Type.String(), name: Type.String() }),
  hub: documentOf<Hub>('hubs'),
  sessions: Type.Array(documentOf<Session>('sessions')),
  content: Type.Array(documentOf<Content>('content')),
  /** every card of the city (ids, aliases, revocations): kiosks check revocations and typed ids offline */
  cards: Type.Array(documentOf<Card>('cards')),
  /**
   * `validUntil` (ms): a retired server key, published until its cards' grace period ends (key rotation); absent
   * for the server's current key and for devices' keys
   */
  issuers: Type.Array(
    Type.Object({
      id: Type.String(),
      keyId: Type.String(),
      publicKey: Type.String(),
      revoked: Type.Boolean(),
      validUntil: Type.Optional(Type.Number()),
    }),
  ),
  serverTime: Type.Number(),
});
export type DeviceSnapshot = Static<typeof DeviceSnapshot>;

export const RevokedDevice = Type.Object({ device: documentOf<Device>('devices') });
export type RevokedDevice = Static<typeof RevokedDevice>;

const tags = ['devices'];

export const deviceRoutes = {
  /** coordinator or admin, cookie session */
  createEnrolmentCode: {
    method: 'POST',
    path: '/api/hubs/:hubId/enrolment-codes',
    schema: {
      summary: 'A one-time enrolment code for a hub (without QR)',
      tags,
      params: ulidParams('hubId'),
      response: { 200: EnrolmentCodeResponse, ...errorResponses },
    },
  },
  /** public: the code is the credential */
  enrol: {
    method: 'POST',
    path: '/api/devices/enrol',
    schema: {
      summary: 'A kiosk spends an enrolment code for its identity and bearer token',
      tags,
      body: EnrolRequest,
      response: { 200: EnrolResponse, ...errorResponses },
    },
  },
  /** device bearer token: the hub, its sessions from today for 7 days, its content, the issuer keys */
  snapshot: {
    method: 'GET',
    path: '/api/device/snapshot',
    schema: {
      summary: "A kiosk's snapshot: its hub, sessions, content, cards and the issuers' keys (device token)",
      tags,
      response: { 200: DeviceSnapshot, ...errorResponses },
    },
  },
  /** coordinator or admin: the device's token stops working at once */
  revoke: {
    method: 'POST',
    path: '/api/devices/:deviceId/revoke',
    schema: {
      summary: 'Revoke a kiosk: its token stops working at once',
      tags,
      params: ulidParams('deviceId'),
      response: { 200: RevokedDevice, ...errorResponses },
    },
  },
} as const;
