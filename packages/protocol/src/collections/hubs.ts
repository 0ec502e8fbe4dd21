import type { FromSchema } from 'json-schema-to-ts';
import { idProperty, targetGroupProperty, timestampProperty } from './common';

/** A City Service Hub: one of the reactivated buildings. Written by the server only. */
export const hubSchema = {
  title: 'hubs',
  description: 'A City Service Hub of Vigevano',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    name: { type: 'string', minLength: 1, maxLength: 120 },
    address: { type: 'string', maxLength: 200 },
    area: { type: 'string', maxLength: 80, description: 'district, e.g. Centro or Ticino' },
    targetGroups: { type: 'array', items: targetGroupProperty, maxItems: 6 },
    focus: {
      type: 'object',
      description: 'what the hub joins: assistance (meeting a need) with promotion (creating an opportunity)',
      properties: {
        assistance: { type: 'string', maxLength: 300 },
        promotion: { type: 'string', maxLength: 300 },
      },
      required: ['assistance', 'promotion'],
      additionalProperties: false,
    },
    openingHours: {
      type: 'array',
      maxItems: 21,
      items: {
        type: 'object',
        properties: {
          day: { type: 'integer', minimum: 0, maximum: 6, description: '0 = Sunday' },
          open: { type: 'string', pattern: '^[0-2][0-9]:[0-5][0-9]$' },
          close: { type: 'string', pattern: '^[0-2][0-9]:[0-5][0-9]$' },
        },
        required: ['day', 'open', 'close'],
        additionalProperties: false,
      },
    },
    position: {
      type: 'object',
      properties: {
        lat: { type: 'number', minimum: -90, maximum: 90 },
        lon: { type: 'number', minimum: -180, maximum: 180 },
      },
      required: ['lat', 'lon'],
      additionalProperties: false,
    },
    usesCheckout: { type: 'boolean', description: 'a second scan checks the visitor out' },
    facilitatorPin: {
      type: 'object',
      description:
        "scrypt hash of the hub's facilitator PIN, so kiosks verify it offline (set by the hub lead on the server)",
      properties: {
        salt: { type: 'string', maxLength: 64 },
        hash: { type: 'string', maxLength: 128 },
        cost: { type: 'integer', minimum: 1024, maximum: 1048576 },
      },
      required: ['salt', 'hash', 'cost'],
      additionalProperties: false,
    },
    timezone: { type: 'string', maxLength: 40 },
    updatedAt: timestampProperty,
  },
  required: [
    'id',
    'name',
    'address',
    'area',
    'targetGroups',
    'focus',
    'openingHours',
    'position',
    'usesCheckout',
    'timezone',
    'updatedAt',
  ],
  additionalProperties: false,
} as const;

export type Hub = FromSchema<typeof hubSchema>;
