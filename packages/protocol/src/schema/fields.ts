import {
  type TEnum,
  type TNumber,
  type TSchemaOptions,
  type TString,
  type TStringOptions,
  Type,
} from 'typebox';
import { LANGUAGES } from '../languages';
import { ISO_DATE_PATTERN, KEY_ID_PATTERN, PUBLIC_KEY_PATTERN, ULID_PATTERN } from './patterns';

// TypeBox schemas of the fields many schemas share. Each is a function of its options, as a description or a
// maxLength belongs to one use only, and spreading a TypeBox schema into a new object would lose the type it
// carries. What they produce is plain JSON Schema, the same for RxDB, the server's validators and the OpenAPI
// description.

/** A document id (ULID); `maxLength` is there because RxDB needs it on primary keys and indexed strings. */
export function Ulid(options: TStringOptions = {}): TString {
  return Type.String({ maxLength: 26, pattern: ULID_PATTERN, ...options });
}

/** A calendar day `YYYY-MM-DD` (a local day unless the field says otherwise). */
export function IsoDate(options: TStringOptions = {}): TString {
  return Type.String({ pattern: ISO_DATE_PATTERN, ...options });
}

/** An Ed25519 public key, base64url. */
export function PublicKey(options: TStringOptions = {}): TString {
  return Type.String({ pattern: PUBLIC_KEY_PATTERN, ...options });
}

/** The short id of a signing key, as printed in cards. */
export function KeyId(options: TStringOptions = {}): TString {
  return Type.String({ pattern: KEY_ID_PATTERN, ...options });
}

/**
 * An instant in milliseconds since the Unix epoch, a whole number from 0 to 8.64e15 (the range of a JS Date).
 * Bounded with `multipleOf: 1` rather than typed integer because RxDB indexes a number only with minimum, maximum
 * and multipleOf.
 */
export function EpochMillis(options: TSchemaOptions = {}): TNumber {
  return Type.Number({ minimum: 0, maximum: 8_640_000_000_000, multipleOf: 1, ...options });
}

/**
 * One of `values`, typed `string` in the JSON Schema as RxDB requires of every field (TypeBox's own Enum leaves the
 * type out); the TypeScript type is the union of the values.
 */
export function StringEnum<const V extends readonly string[]>(
  values: V,
  options: TSchemaOptions = {},
): TEnum<[...V]> {
  return Type.Enum<[...V]>(values, { type: 'string', ...options });
}

/** A language a visitor can be greeted in (languages.ts), as its two-letter ISO 639-1 code. */
export function LanguageCode(options: TSchemaOptions = {}): TEnum<[...typeof LANGUAGES]> {
  return StringEnum(LANGUAGES, { maxLength: 2, ...options });
}
