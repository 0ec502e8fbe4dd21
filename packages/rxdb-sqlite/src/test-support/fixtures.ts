import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import { fillWithDefaultSettings, now, randomToken } from 'rxdb';

export const EXAMPLE_REVISION_1 = '1-12080c42d471e3d2625e49dcca3b8e1a';
export const EXAMPLE_REVISION_2 = '2-22080c42d471e3d2625e49dcca3b8e2b';
export const EXAMPLE_REVISION_3 = '3-32080c42d471e3d2625e49dcca3b8e3c';
export const EXAMPLE_REVISION_4 = '4-42080c42d471e3d2625e49dcca3b8e4d';

export type TestDoc = { key: string; value: string };

export function writeData(overrides: Partial<RxDocumentData<TestDoc>> = {}): RxDocumentData<TestDoc> {
  return {
    key: randomToken(10),
    value: 'barfoo',
    _deleted: false,
    _attachments: {},
    _meta: { lwt: now() },
    _rev: EXAMPLE_REVISION_1,
    ...overrides,
  };
}

/** key/value with an index on value (RxDB's getTestDataSchema()). */
export function testDataSchema(): RxJsonSchema<RxDocumentData<TestDoc>> {
  return fillWithDefaultSettings({
    version: 0,
    type: 'object',
    primaryKey: 'key',
    properties: {
      key: { type: 'string', maxLength: 100 },
      value: { type: 'string', maxLength: 100 },
    },
    required: ['key', 'value'],
    indexes: ['value'],
  });
}

export type NestedDoc = { id: string; nes: { ted: string } };

export function nestedDocSchema(): RxJsonSchema<RxDocumentData<NestedDoc>> {
  return fillWithDefaultSettings({
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 100 },
      nes: {
        type: 'object',
        properties: { ted: { type: 'string', maxLength: 100 } },
        required: ['ted'],
      },
    },
    indexes: [['nes.ted', 'id']],
    required: ['id', 'nes'],
  });
}

export type RandomDoc = { id: string; equal: string; random: string; increment: number };

export function randomDocSchema(): RxJsonSchema<RxDocumentData<RandomDoc>> {
  return fillWithDefaultSettings({
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 100 },
      equal: { type: 'string', maxLength: 20, enum: ['foobar'] },
      increment: { type: 'number', minimum: 0, maximum: 1000, multipleOf: 1 },
      random: { type: 'string', maxLength: 100 },
    },
    indexes: [
      ['equal', 'id'],
      ['increment', 'id'],
      ['random', 'id'],
      ['equal', 'increment', 'id'],
    ],
    required: ['id', 'equal', 'increment', 'random'],
  });
}

export type Checkin = {
  id: string;
  hubId: string;
  deviceId: string;
  cardId?: string;
  direction: 'in' | 'out';
  source: 'camera' | 'scanner' | 'manual' | 'facilitator' | 'guest';
  deviceTime: number;
  hlc: string;
  updatedAt: number;
};

/** The kiosk's check-in collection, as far as the storage cares (fields, types, indexes). */
export const checkinSchemaLiteral = {
  title: 'checkins',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 26 },
    hubId: { type: 'string', maxLength: 26 },
    deviceId: { type: 'string', maxLength: 26 },
    cardId: { type: 'string', maxLength: 26 },
    direction: { type: 'string', enum: ['in', 'out'], maxLength: 3 },
    source: { type: 'string', enum: ['camera', 'scanner', 'manual', 'facilitator', 'guest'] },
    deviceTime: { type: 'number', minimum: 0, maximum: 8_640_000_000_000, multipleOf: 1 },
    hlc: { type: 'string', maxLength: 64 },
    updatedAt: { type: 'number', minimum: 0, maximum: 8_640_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'hubId', 'deviceId', 'direction', 'source', 'deviceTime', 'hlc', 'updatedAt'],
  indexes: [['hubId', 'deviceTime'], ['cardId', 'deviceTime'], 'hlc'],
  additionalProperties: false,
} as const;

export function checkinSchema(): RxJsonSchema<RxDocumentData<Checkin>> {
  return fillWithDefaultSettings(checkinSchemaLiteral as unknown as RxJsonSchema<Checkin>);
}
