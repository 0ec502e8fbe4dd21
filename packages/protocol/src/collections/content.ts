import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, StringEnum, Ulid } from '../schema/fields';
import { SHA256_HEX_PATTERN } from '../schema/patterns';
import { closedObject, collectionSchema, localizedText, storedTimeOfDay } from './common';

export const CONTENT_KINDS = ['news', 'opportunity', 'directions', 'notice'] as const;

/** An info-screen item shown by kiosks when idle. Published by coordinators on the server. */
export const contentSchema = collectionSchema(
  'content',
  { version: 0 },
  {
    id: Ulid(),
    kind: StringEnum(CONTENT_KINDS),
    hubIds: Type.Array(Ulid(), { maxItems: 100, description: 'empty: every hub (city-wide)' }),
    title: localizedText(),
    body: localizedText(),
    schedule: closedObject({
      from: EpochMillis(),
      to: EpochMillis(),
      days: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { maxItems: 7 })),
      hours: Type.Optional(closedObject({ from: storedTimeOfDay(), to: storedTimeOfDay() })),
    }),
    image: Type.Optional(
      closedObject(
        {
          id: Ulid(),
          mediaType: StringEnum(['image/png', 'image/jpeg', 'image/webp']),
          sha256: Type.String({ pattern: SHA256_HEX_PATTERN }),
        },
        'optional picture, stored on the server; kiosks fetch its bytes by id and check the sha256',
      ),
    ),
    priority: Type.Integer({ minimum: 0, maximum: 100 }),
    published: Type.Boolean(),
    updatedAt: EpochMillis(),
  },
);

export type Content = Static<typeof contentSchema>;
