import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, KeyId, PublicKey, Ulid } from '../schema/fields';
import { collectionSchema } from './common';
import { DEVICE_TAG_PATTERN } from './content';

/** An enrolled kiosk: its hub and the Ed25519 public key that verifies the cards it issues. Server-written. */
export const deviceSchema = collectionSchema(
  'devices',
  // 1 (issue 17): tags, the kiosk groups that info-screen items can target. Optional: version 0 documents are valid.
  { version: 1, indexes: ['hubId'] },
  {
    id: Ulid(),
    hubId: Ulid(),
    name: Type.String({ minLength: 1, maxLength: 80 }),
    publicKey: PublicKey({ description: 'Ed25519 key, base64url' }),
    keyId: KeyId({ description: 'short id of the key printed in cards' }),
    revoked: Type.Boolean(),
    tags: Type.Optional(
      Type.Array(Type.String({ pattern: DEVICE_TAG_PATTERN, maxLength: 32 }), {
        maxItems: 20,
        uniqueItems: true,
        description: 'kiosk groups (e.g. totem, ingresso) that content can target; set on the dashboard',
      }),
    ),
    enrolledAt: EpochMillis(),
    updatedAt: EpochMillis(),
  },
);

export type Device = Static<typeof deviceSchema>;
