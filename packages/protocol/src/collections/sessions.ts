import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, StringEnum, Ulid } from '../schema/fields';
import { collectionSchema, targetGroup } from './common';

export const SESSION_KINDS = ['lesson', 'workshop', 'desk'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_STATUSES = ['planned', 'open', 'closed', 'cancelled'] as const;

/** A lesson, workshop or desk shift at one hub. Kiosks of the hub and the server edit it. */
export const sessionSchema = collectionSchema(
  'sessions',
  { version: 0, indexes: [['hubId', 'startsAt']] },
  {
    id: Ulid(),
    hubId: Ulid(),
    kind: StringEnum(SESSION_KINDS),
    activity: Type.String({ minLength: 1, maxLength: 120, description: 'the course or activity' }),
    title: Type.String({ minLength: 1, maxLength: 160 }),
    targetGroup: targetGroup(),
    startsAt: EpochMillis(),
    endsAt: EpochMillis(),
    capacity: Type.Integer({ minimum: 0, maximum: 10_000, description: '0 = no limit' }),
    facilitator: Type.String({ maxLength: 80 }),
    status: StringEnum(SESSION_STATUSES, { maxLength: 10 }),
    notes: Type.String({ maxLength: 4000 }),
    updatedAt: EpochMillis(),
  },
);

export type Session = Static<typeof sessionSchema>;
