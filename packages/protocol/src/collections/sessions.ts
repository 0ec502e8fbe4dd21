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
  // 1: operationId, seriesId and room (issue 18: sessions planned from the dashboard, grouped by funded operation);
  // all optional, so a version 0 document is valid as it is (kiosks: apps/kiosk/src/hub/database/migrations.ts)
  { version: 1, indexes: [['hubId', 'startsAt']] },
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
    operationId: Type.Optional(
      Ulid({ description: 'the funded operation (ESF+) this session belongs to; server only' }),
    ),
    seriesId: Type.Optional(
      Ulid({ description: 'the recurring series this session was planned from; server only' }),
    ),
    room: Type.Optional(Type.String({ maxLength: 80 })),
    updatedAt: EpochMillis(),
  },
);

export type Session = Static<typeof sessionSchema>;
