import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, KeyId, PublicKey, Ulid } from '../schema/fields';
import { collectionSchema } from './common';

/** An enrolled kiosk: its hub and the Ed25519 public key that verifies the cards it issues. Server-written. */
export const deviceSchema = collectionSchema(
  'devices',
  { version: 0, indexes: ['hubId'] },
  {
    id: Ulid(),
    hubId: Ulid(),
    name: Type.String({ minLength: 1, maxLength: 80 }),
    publicKey: PublicKey({ description: 'Ed25519 key, base64url' }),
    keyId: KeyId({ description: 'short id of the key printed in cards' }),
    revoked: Type.Boolean(),
    enrolledAt: EpochMillis(),
    updatedAt: EpochMillis(),
  },
);

export type Device = Static<typeof deviceSchema>;
