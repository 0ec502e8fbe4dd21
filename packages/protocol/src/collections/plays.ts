import type { FromSchema } from 'json-schema-to-ts';
import { idProperty, timestampProperty } from './common';

/**
 * Proof of play: how often and how long a kiosk showed one info-screen item on one day. One document per kiosk,
 * item and day (the id says so), counted up by that kiosk only, synced for the dashboard's content page.
 */
export const playSchema = {
  title: 'plays',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: {
      type: 'string',
      maxLength: 64,
      pattern: '^[0-9A-HJKMNP-TV-Z]{26}:[0-9A-HJKMNP-TV-Z]{26}:[0-9]{8}$',
    },
    hubId: idProperty,
    deviceId: idProperty,
    contentId: idProperty,
    day: {
      type: 'string',
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      maxLength: 10,
      description: 'local date',
    },
    shows: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    seconds: { type: 'integer', minimum: 0, maximum: 86_400 },
    updatedAt: timestampProperty,
  },
  required: ['id', 'hubId', 'deviceId', 'contentId', 'day', 'shows', 'seconds', 'updatedAt'],
  indexes: ['day'],
  additionalProperties: false,
} as const;

export type Play = FromSchema<typeof playSchema>;

export function playId(deviceId: string, contentId: string, day: string): string {
  return `${deviceId}:${contentId}:${day.replace(/-/g, '')}`;
}
