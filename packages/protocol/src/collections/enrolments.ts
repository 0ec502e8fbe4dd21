import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, StringEnum, Ulid } from '../schema/fields';
import { ULID } from '../schema/patterns';
import { collectionSchema } from './common';

/**
 * One person on one session's roster. The id is derived from session and card (see enrolmentId), so two kiosks
 * adding the same walk-in offline produce one entry, not two.
 */
export const enrolmentSchema = collectionSchema(
  'enrolments',
  { version: 0, indexes: ['sessionId'] },
  {
    id: Type.String({ maxLength: 53, pattern: `^${ULID}:${ULID}$` }),
    sessionId: Ulid(),
    hubId: Ulid(),
    cardId: Ulid(),
    alias: Type.String({ maxLength: 24 }),
    walkIn: Type.Boolean(),
    attendance: StringEnum(['unknown', 'present', 'absent'], { maxLength: 8 }),
    markedBy: Type.Optional(Type.String({ maxLength: 80 })),
    updatedAt: EpochMillis(),
  },
);

export type Enrolment = Static<typeof enrolmentSchema>;

export function enrolmentId(sessionId: string, cardId: string): string {
  return `${sessionId}:${cardId}`;
}
