import type { FromSchema } from 'json-schema-to-ts';
import { idProperty, timestampProperty } from './common';

/**
 * One person on one session's roster. The id is derived from session and card (see enrolmentId), so two kiosks
 * adding the same walk-in offline produce one entry, not two.
 */
export const enrolmentSchema = {
  title: 'enrolments',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 53, pattern: '^[0-9A-HJKMNP-TV-Z]{26}:[0-9A-HJKMNP-TV-Z]{26}$' },
    sessionId: idProperty,
    hubId: idProperty,
    cardId: idProperty,
    alias: { type: 'string', maxLength: 24 },
    walkIn: { type: 'boolean' },
    attendance: { type: 'string', enum: ['unknown', 'present', 'absent'], maxLength: 8 },
    markedBy: { type: 'string', maxLength: 80 },
    updatedAt: timestampProperty,
  },
  required: ['id', 'sessionId', 'hubId', 'cardId', 'alias', 'walkIn', 'attendance', 'updatedAt'],
  indexes: ['sessionId'],
  additionalProperties: false,
} as const;

export type Enrolment = FromSchema<typeof enrolmentSchema>;

export function enrolmentId(sessionId: string, cardId: string): string {
  return `${sessionId}:${cardId}`;
}
