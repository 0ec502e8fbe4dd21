import type { FromSchema } from 'json-schema-to-ts';
import { timestampProperty } from './common';

/**
 * A public key of the city's card-signing key (the server's, issuer `server`): the current one, and retired ones
 * with the end of their grace period. Server-written; every kiosk pulls them, so a kiosk enrolled before a key
 * rotation verifies the cards the new key signs, and those of a retired key only until `validUntil`.
 *
 * Its own small collection rather than documents in `devices`: a server key has no hub, no ULID id and no
 * enrolment, and every reader of `devices` (the dashboard's device list, reports, enrolment, revocation) would have
 * to learn to skip it; a new collection needs no schema version bump nor migration on kiosks (RxDB creates it empty).
 */
export const cardKeySchema = {
  title: 'card_keys',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{11}$',
      maxLength: 11,
      description: 'the key id printed in cards (keyIdOf the public key)',
    },
    publicKey: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$', description: 'Ed25519 key, base64url' },
    validUntil: {
      ...timestampProperty,
      description:
        'ms since the epoch from which cards signed by this key are refused; absent: the signing key',
    },
    updatedAt: timestampProperty,
  },
  required: ['id', 'publicKey', 'updatedAt'],
  additionalProperties: false,
} as const;

export type CardKey = FromSchema<typeof cardKeySchema>;
