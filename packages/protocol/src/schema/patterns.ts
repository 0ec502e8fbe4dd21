// The regular expressions (JSON Schema `pattern` sources) that more than one schema of the project checks: ids,
// dates, keys. Written once here; every schema, route and hand-written check imports them, so a kiosk, the server and
// the dashboard never disagree on what an id or a day looks like.

/**
 * A ULID (https://github.com/ulid/spec): 26 characters of Crockford's base32 (no I, L, O, U), upper case. Every
 * document id is one: sortable by creation time, made offline on any kiosk without collisions. `ULID` is the bare
 * piece, for ids built of several ULIDs (an enrolment is `session:card`).
 */
export const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
export const ULID_PATTERN = `^${ULID}$`;

/** A calendar day, `YYYY-MM-DD` (ISO 8601), with month 01–12 and day 01–31 (the calendar itself is not checked). */
export const ISO_DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

/** A time of day, `HH:mm` on a 24-hour clock, 00:00–23:59. */
export const TIME_OF_DAY_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

/** An Ed25519 public key (32 bytes) in base64url without padding: 43 characters. */
export const PUBLIC_KEY_PATTERN = '^[A-Za-z0-9_-]{43}$';

/** The short id of a signing key printed in cards (keyIdOf: 8 bytes of its hash in base64url, 11 characters). */
export const KEY_ID_PATTERN = '^[A-Za-z0-9_-]{11}$';

/** A SHA-256 digest in lower-case hex (64 characters). */
export const SHA256_HEX_PATTERN = '^[0-9a-f]{64}$';

/** A hub's facilitator PIN: 6 to 10 digits (facilitator/pin.ts says why that is enough for a kiosk door). */
export const PIN_PATTERN = '^[0-9]{6,10}$';

/**
 * How an error names what a pattern wants, so a refusal reads "must be an id (ULID)" rather than a regular
 * expression. Patterns without an entry are quoted as they are.
 */
export const PATTERN_NAMES: Readonly<Record<string, string>> = {
  [ULID_PATTERN]: 'an id (ULID: 26 characters 0-9 and A-Z without I, L, O, U)',
  [ISO_DATE_PATTERN]: 'a date YYYY-MM-DD',
  [TIME_OF_DAY_PATTERN]: 'a time of day HH:mm (00:00-23:59)',
  [PUBLIC_KEY_PATTERN]: 'an Ed25519 public key (43 characters of base64url)',
  [KEY_ID_PATTERN]: 'a key id (11 characters of base64url)',
  [SHA256_HEX_PATTERN]: 'a SHA-256 digest (64 lower-case hex digits)',
  [PIN_PATTERN]: 'a PIN of 6 to 10 digits',
};
