import { type Static, Type } from 'typebox';
import type { Card } from '../collections/cards';
import type { Content } from '../collections/content';
import type { Hub } from '../collections/hubs';
import type { Session } from '../collections/sessions';
import { PUBLIC_KEY_PATTERN, ULID_PATTERN } from '../schema/patterns';

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
    publicKey: Type.String({ pattern: PUBLIC_KEY_PATTERN, description: 'Ed25519 public key, base64url' }),
  },
  { additionalProperties: false },
);
export type EnrolRequest = Static<typeof EnrolRequest>;

export const EnrolResponse = Type.Object({
  deviceId: Type.String({ pattern: ULID_PATTERN }),
  hubId: Type.String({ pattern: ULID_PATTERN }),
  token: Type.String({ description: 'bearer token; the server keeps only its hash' }),
  serverPublicKey: Type.String(),
  serverKeyId: Type.String(),
  releasePublicKey: Type.Union([Type.String(), Type.Null()], {
    description: "the city's release signing public key (Ed25519, base64url), null when none is configured",
  }),
});
export type EnrolResponse = Static<typeof EnrolResponse>;

export const deviceRoutes = {
  /** coordinator or admin, cookie session */
  createEnrolmentCode: { method: 'POST', path: '/api/hubs/:hubId/enrolment-codes' },
  /** public: the code is the credential */
  enrol: { method: 'POST', path: '/api/devices/enrol' },
  /** device bearer token: the hub, its sessions from today for 7 days, its content, the issuer keys */
  snapshot: { method: 'GET', path: '/api/device/snapshot' },
  /** coordinator or admin: the device's token stops working at once */
  revoke: { method: 'POST', path: '/api/devices/:deviceId/revoke' },
} as const;

/**
 * What a kiosk needs to work alone, until replication (the sync issue) replaces this one-shot pull:
 * its hub, the hub's sessions from the start of today for 7 days, the content it may show, and the public
 * keys of every card issuer (the server and every device) so it can verify any card offline.
 */
export interface DeviceSnapshot {
  device: { id: string; hubId: string; name: string };
  hub: Hub;
  sessions: Session[];
  content: Content[];
  /** every card of the city (ids, aliases, revocations): kiosks check revocations and typed ids offline */
  cards: Card[];
  /**
   * `validUntil` (ms): a retired server key, published until its cards' grace period ends (key rotation); absent
   * for the server's current key and for devices' keys
   */
  issuers: Array<{ id: string; keyId: string; publicKey: string; revoked: boolean; validUntil?: number }>;
  serverTime: number;
}
