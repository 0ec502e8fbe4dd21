/** Every document id is a ULID: sortable by creation time, made offline on any kiosk without collisions. */
export const ULID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';
export const ulidRegex = new RegExp(ULID_PATTERN);

export function isUlid(value: unknown): value is string {
  return typeof value === 'string' && ulidRegex.test(value);
}

/** Documents written by the server itself (server-issued cards, say) name this issuer instead of a device id. */
export const SERVER_ISSUER = 'server';
