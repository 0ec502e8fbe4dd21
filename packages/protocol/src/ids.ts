import { ULID_PATTERN } from './schema/patterns';

/** Every document id is a ULID (schema/patterns.ts): sortable by creation time, made offline without collisions. */
export const ulidRegex = new RegExp(ULID_PATTERN);

export function isUlid(value: unknown): value is string {
  return typeof value === 'string' && ulidRegex.test(value);
}

/** Documents written by the server itself (server-issued cards, say) name this issuer instead of a device id. */
export const SERVER_ISSUER = 'server';
