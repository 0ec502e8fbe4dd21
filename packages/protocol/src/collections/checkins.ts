import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, StringEnum, Ulid } from '../schema/fields';
import { closedObject, collectionSchema } from './common';

export const CHECKIN_SOURCES = ['camera', 'scanner', 'manual', 'facilitator', 'guest'] as const;
export const AGE_BANDS = ['under_18', '18_29', '30_54', '55_plus'] as const;

/** One immutable presence event. Never updated: a correction is a new event. */
export const checkinSchema = collectionSchema(
  'checkins',
  { version: 0, indexes: [['hubId', 'deviceTime'], ['cardId', 'deviceTime'], 'hlc'] },
  {
    id: Ulid(),
    hubId: Ulid(),
    deviceId: Ulid(),
    cardId: Type.Optional(Ulid({ description: 'absent for a guest without a card' })),
    guest: Type.Optional(
      closedObject(
        { ageBand: StringEnum(AGE_BANDS), firstVisit: Type.Boolean() },
        'a visitor without a card, counted by category only',
      ),
    ),
    sessionId: Type.Optional(Ulid()),
    direction: StringEnum(['in', 'out'], { maxLength: 3 }),
    automatic: Type.Optional(Type.Boolean({ description: 'checked out automatically at closing time' })),
    source: StringEnum(CHECKIN_SOURCES),
    deviceTime: EpochMillis({ description: "the kiosk's clock when it happened" }),
    hlc: Type.String({
      maxLength: 64,
      description: 'hybrid logical clock: orders events across kiosks whose clocks disagree',
    }),
    updatedAt: EpochMillis(),
  },
);

export type Checkin = Static<typeof checkinSchema>;
