import type { FromSchema } from 'json-schema-to-ts';
import { idProperty, languageProperty, timestampProperty } from './common';

/**
 * A visitor card, as kiosks know it: pseudonymous. Names and contacts stay on the server.
 * The signed token printed on the card carries the same id, alias and language.
 */
export const cardSchema = {
  title: 'cards',
  // 1: facilitatorHubs (kiosks migrate version 0 documents as they are: none had the field)
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    hubId: { ...idProperty, description: 'hub that issued the card' },
    visitorId: { ...idProperty, description: 'pseudonymous visitor: a reissued card keeps it' },
    alias: { type: 'string', minLength: 1, maxLength: 24 },
    language: languageProperty,
    issuer: { type: 'string', maxLength: 26, description: "device id, or 'server'" },
    issuedAt: timestampProperty,
    revoked: { type: 'boolean' },
    revokedAt: timestampProperty,
    revokedReason: { type: 'string', enum: ['lost', 'reissued', 'erased', 'other'] },
    role: {
      type: 'string',
      enum: ['visitor', 'facilitator'],
      description:
        'set by the server only; absent: visitor. A facilitator card opens facilitator mode at the hubs of facilitatorHubs',
    },
    facilitatorHubs: {
      type: 'array',
      items: idProperty,
      maxItems: 100,
      description: 'set by the server only: the hubs at whose kiosks this card opens facilitator mode',
    },
    updatedAt: timestampProperty,
  },
  required: ['id', 'hubId', 'visitorId', 'alias', 'language', 'issuer', 'issuedAt', 'revoked', 'updatedAt'],
  indexes: ['hubId', 'visitorId'],
  additionalProperties: false,
} as const;

export type Card = FromSchema<typeof cardSchema>;

/**
 * The alias of an erased visitor's cards (GDPR art. 17): the card document stays, revoked, so kiosks refuse the
 * card, but names nobody. The schema requires an alias, and changing that would need every kiosk's database
 * migrated; this one is not anyone's.
 */
export const ERASED_ALIAS = '—';
