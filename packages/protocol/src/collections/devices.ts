import type { FromSchema } from 'json-schema-to-ts';
import { idProperty, timestampProperty } from './common';

/** An enrolled kiosk: its hub and the Ed25519 public key that verifies the cards it issues. Server-written. */
export const deviceSchema = {
  title: 'devices',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    hubId: idProperty,
    name: { type: 'string', minLength: 1, maxLength: 80 },
    publicKey: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$', description: 'Ed25519 key, base64url' },
    keyId: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{11}$',
      description: 'short id of the key printed in cards',
    },
    revoked: { type: 'boolean' },
    enrolledAt: timestampProperty,
    updatedAt: timestampProperty,
  },
  required: ['id', 'hubId', 'name', 'publicKey', 'keyId', 'revoked', 'enrolledAt', 'updatedAt'],
  indexes: ['hubId'],
  additionalProperties: false,
} as const;

export type Device = FromSchema<typeof deviceSchema>;
