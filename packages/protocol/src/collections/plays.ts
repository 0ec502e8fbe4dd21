import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, Ulid } from '../schema/fields';
import { ULID } from '../schema/patterns';
import { collectionSchema } from './common';

/**
 * Proof of play: how often and how long a kiosk showed one info-screen item on one day. One document per kiosk,
 * item and day (the id says so), counted up by that kiosk only, synced for the dashboard's content page.
 */
export const playSchema = collectionSchema(
  'plays',
  { version: 0, indexes: ['day'] },
  {
    id: Type.String({ maxLength: 64, pattern: `^${ULID}:${ULID}:[0-9]{8}$` }),
    hubId: Ulid(),
    deviceId: Ulid(),
    contentId: Ulid(),
    // Looser than ISO_DATE_PATTERN, and kept so: a stricter pattern would change the stored schema's hash.
    day: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10, description: 'local date' }),
    shows: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    seconds: Type.Integer({ minimum: 0, maximum: 86_400 }),
    updatedAt: EpochMillis(),
  },
);

export type Play = Static<typeof playSchema>;

export function playId(deviceId: string, contentId: string, day: string): string {
  return `${deviceId}:${contentId}:${day.replace(/-/g, '')}`;
}
