import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, LanguageCode, StringEnum, Ulid } from '../schema/fields';
import { collectionSchema } from './common';

/**
 * A visitor card, as kiosks know it: pseudonymous. Names and contacts stay on the server.
 * The signed token printed on the card carries the same id, alias and language.
 */
export const cardSchema = collectionSchema(
  'cards',
  // 1: facilitatorHubs (kiosks migrate version 0 documents as they are: none had the field)
  { version: 1, indexes: ['hubId', 'visitorId'] },
  {
    id: Ulid(),
    hubId: Ulid({ description: 'hub that issued the card' }),
    visitorId: Ulid({ description: 'pseudonymous visitor: a reissued card keeps it' }),
    alias: Type.String({ minLength: 1, maxLength: 24 }),
    language: LanguageCode(),
    issuer: Type.String({ maxLength: 26, description: "device id, or 'server'" }),
    issuedAt: EpochMillis(),
    revoked: Type.Boolean(),
    revokedAt: Type.Optional(EpochMillis()),
    revokedReason: Type.Optional(StringEnum(['lost', 'reissued', 'erased', 'other'])),
    role: Type.Optional(
      StringEnum(['visitor', 'facilitator'], {
        description:
          'set by the server only; absent: visitor. A facilitator card opens facilitator mode at the hubs of facilitatorHubs',
      }),
    ),
    facilitatorHubs: Type.Optional(
      Type.Array(Ulid(), {
        maxItems: 100,
        description: 'set by the server only: the hubs at whose kiosks this card opens facilitator mode',
      }),
    ),
    updatedAt: EpochMillis(),
  },
);

export type Card = Static<typeof cardSchema>;

/**
 * The alias of an erased visitor's cards (GDPR art. 17): the card document stays, revoked, so kiosks refuse the
 * card, but names nobody. The schema requires an alias, and changing that would need every kiosk's database
 * migrated; this one is not anyone's.
 */
export const ERASED_ALIAS = '—';
