import type { FromSchema } from 'json-schema-to-ts';
import { idProperty, timestampProperty } from './common';

export const CHECKIN_SOURCES = ['camera', 'scanner', 'manual', 'facilitator', 'guest'] as const;
export const AGE_BANDS = ['under_18', '18_29', '30_54', '55_plus'] as const;

/** One immutable presence event. Never updated: a correction is a new event. */
export const checkinSchema = {
  title: 'checkins',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    hubId: idProperty,
    deviceId: idProperty,
    cardId: { ...idProperty, description: 'absent for a guest without a card' },
    guest: {
      type: 'object',
      description: 'a visitor without a card, counted by category only',
      properties: {
        ageBand: { type: 'string', enum: AGE_BANDS },
        firstVisit: { type: 'boolean' },
      },
      required: ['ageBand', 'firstVisit'],
      additionalProperties: false,
    },
    sessionId: idProperty,
    direction: { type: 'string', enum: ['in', 'out'], maxLength: 3 },
    automatic: { type: 'boolean', description: 'checked out automatically at closing time' },
    source: { type: 'string', enum: CHECKIN_SOURCES },
    deviceTime: { ...timestampProperty, description: "the kiosk's clock when it happened" },
    hlc: {
      type: 'string',
      maxLength: 64,
      description: 'hybrid logical clock: orders events across kiosks whose clocks disagree',
    },
    updatedAt: timestampProperty,
  },
  required: ['id', 'hubId', 'deviceId', 'direction', 'source', 'deviceTime', 'hlc', 'updatedAt'],
  indexes: [['hubId', 'deviceTime'], ['cardId', 'deviceTime'], 'hlc'],
  additionalProperties: false,
} as const;

export type Checkin = FromSchema<typeof checkinSchema>;
