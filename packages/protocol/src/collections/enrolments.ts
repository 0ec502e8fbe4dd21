import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, StringEnum, Ulid } from '../schema/fields';
import { ULID } from '../schema/patterns';
import { collectionSchema } from './common';

/** A participant's attendance at one session, as the roster records it. */
export const ATTENDANCE_MARKS = ['unknown', 'present', 'absent', 'excused'] as const;

/**
 * One person on one session's roster. The id is derived from session and card (see enrolmentId), so two kiosks
 * adding the same walk-in offline produce one entry, not two.
 */
export const enrolmentSchema = collectionSchema(
  'enrolments',
  // 1: attendance 'excused' with excuseReason (issue 18, item 4); a version 0 document is valid as it is
  { version: 1, indexes: ['sessionId'] },
  {
    id: Type.String({ maxLength: 53, pattern: `^${ULID}:${ULID}$` }),
    sessionId: Ulid(),
    hubId: Ulid(),
    cardId: Ulid(),
    alias: Type.String({ maxLength: 24 }),
    walkIn: Type.Boolean(),
    attendance: StringEnum(ATTENDANCE_MARKS, { maxLength: 8 }),
    excuseReason: Type.Optional(
      Type.String({ maxLength: 200, description: 'why an excused participant was away' }),
    ),
    markedBy: Type.Optional(Type.String({ maxLength: 80 })),
    updatedAt: EpochMillis(),
  },
);

export type Enrolment = Static<typeof enrolmentSchema>;

export function enrolmentId(sessionId: string, cardId: string): string {
  return `${sessionId}:${cardId}`;
}
