import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlnopad } from '@scure/base';
import { isUlid } from '../ids';
import { LANGUAGES, type Language } from '../languages';
import { base45Decode, base45Encode } from './base45';
import { KEY_ID_BYTES, keyIdBytesOf } from './keys';
import { bytesToUlid, ulidToBytes } from './ulid-bytes';

/**
 * The visitor card token, version 1: what the QR code on a card (paper or phone) holds.
 *
 *   text      = "VG1:" base45(body || signature)           (QR alphanumeric mode throughout)
 *   body      = 0x01                 format version
 *               cardId      16 bytes  the card's ULID
 *               keyId        8 bytes  first bytes of SHA-256 of the issuer's Ed25519 public key
 *               issuedDay    2 bytes  big-endian days since 2020-01-01 (UTC)
 *               language     1 byte   index into LANGUAGES
 *               aliasLength  1 byte   then the alias in UTF-8 (at most 24 characters, 96 bytes)
 *   signature = Ed25519(issuer secret key, "VG1" || body), 64 bytes, verified strictly (RFC 8032, not ZIP-215)
 *
 * Like pretix's signed tickets, a kiosk verifies a card with public keys only, offline. The longest token (24
 * four-byte characters) is 284 characters: a QR of version 10 at level M holds 311.
 */
export const CARD_TOKEN_PREFIX = 'VG1:';
const FORMAT_VERSION = 1;
const CONTEXT = new TextEncoder().encode('VG1');
const SIGNATURE_BYTES = 64;
const HEADER_BYTES = 1 + 16 + KEY_ID_BYTES + 2 + 1 + 1;
const EPOCH_MS = Date.UTC(2020, 0, 1);
const DAY_MS = 86_400_000;
export const MAX_ALIAS_CHARACTERS = 24;
export const MAX_CARD_TOKEN_LENGTH = 300;

export interface CardTokenPayload {
  cardId: string;
  /** short id of the issuer's key, see keyIdOf */
  keyId: string;
  /** YYYY-MM-DD (UTC) */
  issuedOn: string;
  language: Language;
  alias: string;
}

export interface IssuerKey {
  /** device id, or 'server' */
  id: string;
  keyId: string;
  publicKey: string;
}

export type CardTokenResult =
  | { ok: true; card: CardTokenPayload; issuer: IssuerKey }
  | { ok: false; code: 'invalid' | 'unknown_issuer' | 'bad_signature'; reason: string; keyId?: string };

function signedMessage(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(CONTEXT.length + body.length);
  out.set(CONTEXT);
  out.set(body, CONTEXT.length);
  return out;
}

/** Builds and signs a token. Throws a RangeError that names the field when the payload cannot be encoded. */
export function encodeCardToken(
  card: Omit<CardTokenPayload, 'keyId' | 'issuedOn'> & { issuedAt: number },
  issuer: { publicKey: string; secretKey: string },
): string {
  if (!isUlid(card.cardId)) throw new RangeError(`cardId is not a ULID: ${JSON.stringify(card.cardId)}`);
  const alias = card.alias.trim();
  if (alias.length === 0 || [...alias].length > MAX_ALIAS_CHARACTERS)
    throw new RangeError(`alias must be 1 to ${MAX_ALIAS_CHARACTERS} characters`);
  const language = LANGUAGES.indexOf(card.language);
  if (language < 0) throw new RangeError(`unknown language ${JSON.stringify(card.language)}`);
  const day = Math.floor((card.issuedAt - EPOCH_MS) / DAY_MS);
  if (!(day >= 0 && day <= 0xffff)) throw new RangeError('issuedAt is out of range');
  const aliasBytes = new TextEncoder().encode(alias);

  const body = new Uint8Array(HEADER_BYTES + aliasBytes.length);
  body[0] = FORMAT_VERSION;
  body.set(ulidToBytes(card.cardId), 1);
  body.set(keyIdBytesOf(issuer.publicKey), 17);
  body[17 + KEY_ID_BYTES] = day >> 8;
  body[18 + KEY_ID_BYTES] = day & 0xff;
  body[19 + KEY_ID_BYTES] = language;
  body[20 + KEY_ID_BYTES] = aliasBytes.length;
  body.set(aliasBytes, HEADER_BYTES);

  const signature = ed25519.sign(signedMessage(body), base64urlnopad.decode(issuer.secretKey));
  const all = new Uint8Array(body.length + SIGNATURE_BYTES);
  all.set(body);
  all.set(signature, body.length);
  return CARD_TOKEN_PREFIX + base45Encode(all);
}

type Parsed =
  | { ok: true; card: CardTokenPayload; body: Uint8Array; signature: Uint8Array }
  | { ok: false; reason: string };

/** Reads a token without checking its signature. Never throws: anything unreadable is `{ ok: false }`. */
export function parseCardToken(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed.length > MAX_CARD_TOKEN_LENGTH) return { ok: false, reason: 'too long for a card' };
  if (!trimmed.startsWith(CARD_TOKEN_PREFIX)) return { ok: false, reason: 'not a Vigevano hub card' };
  let all: Uint8Array;
  try {
    all = base45Decode(trimmed.slice(CARD_TOKEN_PREFIX.length));
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  if (all.length < HEADER_BYTES + 1 + SIGNATURE_BYTES) return { ok: false, reason: 'too short' };
  if (all[0] !== FORMAT_VERSION) return { ok: false, reason: `unknown card format version ${all[0]}` };
  const aliasLength = all[20 + KEY_ID_BYTES] as number;
  if (all.length !== HEADER_BYTES + aliasLength + SIGNATURE_BYTES)
    return { ok: false, reason: 'length does not match the alias length' };
  const language = LANGUAGES[all[19 + KEY_ID_BYTES] as number];
  if (!language) return { ok: false, reason: 'unknown language' };
  let alias: string;
  try {
    alias = new TextDecoder('utf-8', { fatal: true }).decode(
      all.subarray(HEADER_BYTES, HEADER_BYTES + aliasLength),
    );
  } catch {
    return { ok: false, reason: 'alias is not UTF-8' };
  }
  if (alias.trim().length === 0 || [...alias].length > MAX_ALIAS_CHARACTERS)
    return { ok: false, reason: 'alias length' };
  const cardId = bytesToUlid(all.subarray(1, 17));
  if (!isUlid(cardId)) return { ok: false, reason: 'card id' };
  const day = ((all[17 + KEY_ID_BYTES] as number) << 8) | (all[18 + KEY_ID_BYTES] as number);
  const body = all.subarray(0, HEADER_BYTES + aliasLength);
  return {
    ok: true,
    card: {
      cardId,
      keyId: base64urlnopad.encode(all.subarray(17, 17 + KEY_ID_BYTES)),
      issuedOn: new Date(EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10),
      language,
      alias,
    },
    body,
    signature: all.subarray(body.length),
  };
}

/**
 * Verifies a scanned text offline. `findIssuer` returns the issuer whose key has this key id, if the kiosk knows
 * it (the server's key and every enrolled device's key reach kiosks by sync).
 */
export function verifyCardToken(
  text: string,
  findIssuer: (keyId: string) => IssuerKey | undefined,
): CardTokenResult {
  const parsed = parseCardToken(text);
  if (!parsed.ok) return { ok: false, code: 'invalid', reason: parsed.reason };
  const issuer = findIssuer(parsed.card.keyId);
  if (!issuer)
    return {
      ok: false,
      code: 'unknown_issuer',
      reason: 'issuer key not known here',
      keyId: parsed.card.keyId,
    };
  let valid = false;
  try {
    valid = ed25519.verify(
      parsed.signature,
      signedMessage(parsed.body),
      base64urlnopad.decode(issuer.publicKey),
      {
        zip215: false,
      },
    );
  } catch {
    valid = false;
  }
  if (!valid)
    return { ok: false, code: 'bad_signature', reason: 'signature does not match', keyId: parsed.card.keyId };
  return { ok: true, card: parsed.card, issuer };
}
