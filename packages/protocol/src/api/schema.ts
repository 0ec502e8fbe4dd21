import { type Static, type TSchema, type TUnsafe, Type } from 'typebox';
import { ERROR_CODES } from '../errors';
import { Ulid } from '../schema/fields';

// Building blocks of the route table (routes.ts): the error body every route may answer, path parameters, and
// stand-ins for documents whose JSON Schema lives with its collection (collections/).

/** `{ error: { code, message, details? } }`, the body of every 4xx and 5xx (errors.ts, apiError). */
export const ApiErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(ERROR_CODES),
      message: Type.String({ description: 'for people: Italian for the dashboard, English for developers' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { description: 'every refusal and failure' },
);
export type ApiErrorSchema = Static<typeof ApiErrorSchema>;

/** The error answers every route declares next to its 200. */
export const errorResponses = { '4xx': ApiErrorSchema, '5xx': ApiErrorSchema } as const;

/** `{ <name>: <ULID> }` for a path's parameters, e.g. `ulidParams('visitorId', 'cardId')`. */
export function ulidParams<const K extends string>(...names: K[]) {
  return Type.Object(
    Object.fromEntries(names.map((n) => [n, Ulid()])) as {
      [P in K]: ReturnType<typeof Ulid>;
    },
  );
}

/**
 * A collection's document in an answer, passed through as stored: its schema is the collection's own (validated
 * on every write), and an object schema here with no properties would make Fastify's serializer drop them all.
 */
export function documentOf<T>(collection: string): TUnsafe<T> {
  return Type.Unsafe<T>(
    Type.Object({}, { additionalProperties: true, description: `a ${collection} document, as stored` }),
  );
}

/** `T | null`, the way the reports say "not known" or "not chosen". */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** `{ ok: true }`: done, nothing else to say. */
export const OkResponse = Type.Object({ ok: Type.Literal(true) });

/**
 * A 200 that is not JSON (a file, an image, an event stream), described for OpenAPI and sent as is: Fastify does
 * not serialize a string or a Buffer sent with its own content type.
 */
export function rawResponse(mediaType: string, description: string): TUnsafe<string | Uint8Array> {
  return Type.Unsafe<string | Uint8Array>({ type: 'string', description: `${mediaType}: ${description}` });
}
