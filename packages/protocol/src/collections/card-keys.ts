import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, KeyId, PublicKey } from '../schema/fields';
import { collectionSchema } from './common';

/**
 * A public key of the city's card-signing key (the server's, issuer `server`): the current one, and retired ones
 * with the end of their grace period. Server-written; every kiosk pulls them, so a kiosk enrolled before a key
 * rotation verifies the cards the new key signs, and those of a retired key only until `validUntil`.
 *
 * Its own small collection rather than documents in `devices`: a server key has no hub, no ULID id and no
 * enrolment, and every reader of `devices` (the dashboard's device list, reports, enrolment, revocation) would have
 * to learn to skip it; a new collection needs no schema version bump nor migration on kiosks (RxDB creates it empty).
 */
export const cardKeySchema = collectionSchema(
  'card_keys',
  { version: 0 },
  {
    id: KeyId({ maxLength: 11, description: 'the key id printed in cards (keyIdOf the public key)' }),
    publicKey: PublicKey({ description: 'Ed25519 key, base64url' }),
    validUntil: Type.Optional(
      EpochMillis({
        description:
          'ms since the epoch from which cards signed by this key are refused; absent: the signing key',
      }),
    ),
    updatedAt: EpochMillis(),
  },
);

export type CardKey = Static<typeof cardKeySchema>;
