import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, Ulid } from '../schema/fields';
import { closedObject, collectionSchema, storedTimeOfDay, targetGroup } from './common';

/** A City Service Hub: one of the reactivated buildings. Written by the server only. */
export const hubSchema = collectionSchema(
  'hubs',
  { version: 0, description: 'A City Service Hub of Vigevano' },
  {
    id: Ulid(),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    address: Type.String({ maxLength: 200 }),
    area: Type.String({ maxLength: 80, description: 'district, e.g. Centro or Ticino' }),
    targetGroups: Type.Array(targetGroup(), { maxItems: 6 }),
    focus: closedObject(
      { assistance: Type.String({ maxLength: 300 }), promotion: Type.String({ maxLength: 300 }) },
      'what the hub joins: assistance (meeting a need) with promotion (creating an opportunity)',
    ),
    openingHours: Type.Array(
      closedObject({
        day: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday' }),
        open: storedTimeOfDay(),
        close: storedTimeOfDay(),
      }),
      { maxItems: 21 },
    ),
    position: closedObject({
      lat: Type.Number({ minimum: -90, maximum: 90 }),
      lon: Type.Number({ minimum: -180, maximum: 180 }),
    }),
    usesCheckout: Type.Boolean({ description: 'a second scan checks the visitor out' }),
    facilitatorPin: Type.Optional(
      closedObject(
        {
          salt: Type.String({ maxLength: 64 }),
          hash: Type.String({ maxLength: 128 }),
          cost: Type.Integer({ minimum: 1024, maximum: 1048576 }),
        },
        "scrypt hash of the hub's facilitator PIN, so kiosks verify it offline (set by the hub lead on the server)",
      ),
    ),
    timezone: Type.String({ maxLength: 40 }),
    updatedAt: EpochMillis(),
  },
);

export type Hub = Static<typeof hubSchema>;
