import { type TObject, type TOptional, type TProperties, type TString, Type } from 'typebox';
import { LANGUAGES, type Language } from '../languages';
import { StringEnum } from '../schema/fields';

// Pieces shared by the collection schemas. A collection schema is at once the RxDB JSON schema kiosks store
// documents with, the server's validator of pushed documents (validation.ts) and, through `Static<>`, the
// TypeScript type of a document. RxDB hashes the schema of each version and refuses a database whose stored hash
// differs: changing what any of these produce for an existing collection needs a version bump and a migration
// on every kiosk (schema-fingerprints.test.ts says so when it happens).

/** What a collection schema states beside its fields: the RxDB version and indexes; the primary key is always `id`. */
export interface CollectionSchemaOptions {
  version: number;
  description?: string;
  /** RxDB indexes: a field, or fields indexed together */
  indexes?: Array<string | string[]>;
}

/** The RxDB keywords of a collection schema, beside JSON Schema's. */
export interface RxdbSchemaKeywords {
  title: string;
  version: number;
  primaryKey: 'id';
  additionalProperties: false;
  description?: string;
  indexes?: Array<string | string[]>;
}

/**
 * The RxDB JSON schema of collection `title`: an object of `properties` with no other field, keyed by `id`.
 * Throws nothing; RxDB itself checks the schema when a kiosk opens its database.
 */
export function collectionSchema<P extends TProperties>(
  title: string,
  options: CollectionSchemaOptions,
  properties: P,
): TObject<P> & RxdbSchemaKeywords {
  const { version, description, indexes } = options;
  const rxdb: RxdbSchemaKeywords = { title, version, primaryKey: 'id', additionalProperties: false };
  if (description !== undefined) rxdb.description = description;
  if (indexes !== undefined) rxdb.indexes = indexes;
  return Type.Object(properties, { ...rxdb }) as TObject<P> & RxdbSchemaKeywords;
}

/** An object nested in a document: only the listed fields, as every level of a document is closed. */
export function closedObject<P extends TProperties>(properties: P, description?: string): TObject<P> {
  return Type.Object(properties, {
    ...(description === undefined ? {} : { description }),
    additionalProperties: false,
  });
}

type LocalizedTextProperties = { it: TString } & { [L in Exclude<Language, 'it'>]: TOptional<TString> };

/** Text in every visitor language; Italian required (the staff of every hub read it), each at most 2000 characters. */
export function localizedText(): TObject<LocalizedTextProperties> {
  const text = () => Type.String({ maxLength: 2000 });
  const properties = Object.fromEntries(
    LANGUAGES.map((l) => [l, l === 'it' ? text() : Type.Optional(text())]),
  ) as LocalizedTextProperties;
  return closedObject(properties);
}

/**
 * A time of day `HH:mm` as the stored schemas (version 0 of hubs and content) check it: looser than
 * TIME_OF_DAY_PATTERN (it lets 24:00–29:59 through), and kept so because a stricter pattern would change the
 * schemas' hash (a version bump and a migration on every kiosk).
 */
export function storedTimeOfDay(): TString {
  return Type.String({ pattern: '^[0-2][0-9]:[0-5][0-9]$' });
}

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

/** One of TARGET_GROUPS. */
export const targetGroup = () => StringEnum(TARGET_GROUPS, { maxLength: 32 });
