import type { FromSchema } from 'json-schema-to-ts';
import { idProperty, localizedTextProperty, timestampProperty } from './common';

export const CONTENT_KINDS = ['news', 'opportunity', 'directions', 'notice'] as const;

/** An info-screen item shown by kiosks when idle. Published by coordinators on the server. */
export const contentSchema = {
  title: 'content',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    kind: { type: 'string', enum: CONTENT_KINDS },
    hubIds: { type: 'array', items: idProperty, maxItems: 100, description: 'empty: every hub (city-wide)' },
    title: localizedTextProperty,
    body: localizedTextProperty,
    schedule: {
      type: 'object',
      properties: {
        from: timestampProperty,
        to: timestampProperty,
        days: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 6 }, maxItems: 7 },
        hours: {
          type: 'object',
          properties: {
            from: { type: 'string', pattern: '^[0-2][0-9]:[0-5][0-9]$' },
            to: { type: 'string', pattern: '^[0-2][0-9]:[0-5][0-9]$' },
          },
          required: ['from', 'to'],
          additionalProperties: false,
        },
      },
      required: ['from', 'to'],
      additionalProperties: false,
    },
    image: {
      type: 'object',
      description:
        'optional picture, stored on the server; kiosks fetch its bytes by id and check the sha256',
      properties: {
        id: idProperty,
        mediaType: { type: 'string', enum: ['image/png', 'image/jpeg', 'image/webp'] },
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
      required: ['id', 'mediaType', 'sha256'],
      additionalProperties: false,
    },
    priority: { type: 'integer', minimum: 0, maximum: 100 },
    published: { type: 'boolean' },
    updatedAt: timestampProperty,
  },
  required: ['id', 'kind', 'hubIds', 'title', 'body', 'schedule', 'priority', 'published', 'updatedAt'],
  additionalProperties: false,
} as const;

export type Content = FromSchema<typeof contentSchema>;
