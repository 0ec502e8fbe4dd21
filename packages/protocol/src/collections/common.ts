import { ULID_PATTERN } from '../ids';

/** Fragments shared by the collection schemas. Each is a plain JSON Schema piece, usable by RxDB and Ajv. */
export const idProperty = { type: 'string', maxLength: 26, pattern: ULID_PATTERN } as const;

/** Milliseconds since the epoch; bounded so RxDB can index it (it needs minimum, maximum and multipleOf). */
export const timestampProperty = {
  type: 'number',
  minimum: 0,
  maximum: 8_640_000_000_000,
  multipleOf: 1,
} as const;

export const localizedTextProperty = {
  type: 'object',
  properties: {
    it: { type: 'string', maxLength: 2000 },
    en: { type: 'string', maxLength: 2000 },
    ar: { type: 'string', maxLength: 2000 },
    fr: { type: 'string', maxLength: 2000 },
    es: { type: 'string', maxLength: 2000 },
    ro: { type: 'string', maxLength: 2000 },
    sq: { type: 'string', maxLength: 2000 },
    uk: { type: 'string', maxLength: 2000 },
    zh: { type: 'string', maxLength: 2000 },
  },
  required: ['it'],
  additionalProperties: false,
} as const;

export const languageProperty = {
  type: 'string',
  enum: ['it', 'en', 'ar', 'fr', 'es', 'ro', 'sq', 'uk', 'zh'],
  maxLength: 2,
} as const;

/** The privileged target groups of the hubs (strategy Vigevano.inc). */
export const TARGET_GROUPS = [
  'young_neet',
  'elderly',
  'fragile_housing_families',
  'migrant_background',
  'people_with_disabilities',
  'everyone',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export const targetGroupProperty = { type: 'string', enum: TARGET_GROUPS, maxLength: 32 } as const;
