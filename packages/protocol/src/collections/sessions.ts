import type { FromSchema } from 'json-schema-to-ts';
import { idProperty, targetGroupProperty, timestampProperty } from './common';

export const SESSION_KINDS = ['lesson', 'workshop', 'desk'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_STATUSES = ['planned', 'open', 'closed', 'cancelled'] as const;

/** A lesson, workshop or desk shift at one hub. Kiosks of the hub and the server edit it. */
export const sessionSchema = {
  title: 'sessions',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    hubId: idProperty,
    kind: { type: 'string', enum: SESSION_KINDS },
    activity: { type: 'string', minLength: 1, maxLength: 120, description: 'the course or activity' },
    title: { type: 'string', minLength: 1, maxLength: 160 },
    targetGroup: targetGroupProperty,
    startsAt: timestampProperty,
    endsAt: timestampProperty,
    capacity: { type: 'integer', minimum: 0, maximum: 10_000, description: '0 = no limit' },
    facilitator: { type: 'string', maxLength: 80 },
    status: { type: 'string', enum: SESSION_STATUSES, maxLength: 10 },
    notes: { type: 'string', maxLength: 4000 },
    updatedAt: timestampProperty,
  },
  required: [
    'id',
    'hubId',
    'kind',
    'activity',
    'title',
    'targetGroup',
    'startsAt',
    'endsAt',
    'capacity',
    'facilitator',
    'status',
    'notes',
    'updatedAt',
  ],
  indexes: [['hubId', 'startsAt']],
  additionalProperties: false,
} as const;

export type Session = FromSchema<typeof sessionSchema>;
