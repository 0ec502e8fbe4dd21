import { ulidToBytes } from './ulid-bytes';

/**
 * The short card code: what a visitor types when the QR will not scan, printed under the QR as `K7M-4QX-9PWC`.
 *
 * - Alphabet: 29 symbols, the digits 2–9 and the Latin capitals without I, L, O, U (Crockford's base32 choices)
 *   and without S (read as 5). 0 and 1 are gone with O, I and L, so no symbol has a look-alike in the set.
 *   29 is prime: the check below is arithmetic modulo 29.
 * - Length: {@link SHORT_CODE_LENGTH} = 10: 9 data symbols and 1 check symbol, shown in groups of 3, 3 and 4.
 * - Data: the card id's 80 random bits (a ULID's last 16 characters) reduced modulo 29^9 (about 1.45 × 10^13
 *   codes). Derived, never stored: the same card always has the same code, on every kiosk and on the server, and
 *   no collection schema changes. A derived code can collide, so it is NOT an id by itself: a kiosk accepts a
 *   typed code only when exactly one card it holds has it, and a kiosk issuing a card draws a new id when the
 *   code would collide with a card it holds (apps/kiosk/src/hub/cards).
 * - Check symbol: H. Michael Damm's check-digit scheme over a totally anti-symmetric quasigroup (H. M. Damm,
 *   "Totally anti-symmetric quasigroups for all orders n ≠ 2, 6", Discrete Mathematics 307 (2007) 715–729),
 *   with the quasigroup x ∘ y = (2x + y) mod 29. Because 2 ≠ 0, 1 modulo the prime 29, (c ∘ x) ∘ y = (c ∘ y) ∘ x
 *   implies x = y: every single wrong symbol and every swap of two adjacent different symbols (the check symbol
 *   included) leaves a non-zero result. short-code.test.ts proves both over the whole alphabet.
 */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRTVWXYZ';

/** Symbols in a short code, the check symbol included. */
export const SHORT_CODE_LENGTH = 10;

const BASE = SHORT_CODE_ALPHABET.length;
const DATA_LENGTH = SHORT_CODE_LENGTH - 1;
const GROUPS = [3, 3, 4] as const;
// Symbols outside the alphabet that people type for one inside it.
const TYPED_ALIASES: Record<string, string> = { S: '5' };

/** One step of the Damm scheme: the quasigroup x ∘ y = 2x + y (mod 29). */
const step = (interim: number, symbol: number): number => (2 * interim + symbol) % BASE;

/** The Damm fold of a sequence of symbol values: 0 for a code whose check symbol is right. */
function fold(values: readonly number[]): number {
  return values.reduce(step, 0);
}

/**
 * The check symbol for `data` (symbols of {@link SHORT_CODE_ALPHABET}, any length): the c with fold(data) ∘ c = 0.
 * Throws a RangeError for a symbol outside the alphabet.
 */
export function shortCodeCheckSymbol(data: string): string {
  const interim = fold(valuesOf(data));
  return SHORT_CODE_ALPHABET[(BASE - ((2 * interim) % BASE)) % BASE] as string;
}

/** True when `code` (symbols of the alphabet, check symbol last) passes the Damm check. */
export function hasValidCheckSymbol(code: string): boolean {
  const values = valuesOf(code, false);
  return values !== undefined && values.length > 1 && fold(values) === 0;
}

/** The short code of a card (10 symbols, no dashes), from its ULID id. Throws a RangeError for a non-ULID. */
export function shortCodeOf(cardId: string): string {
  const bytes = ulidToBytes(cardId);
  // The last 10 bytes are the ULID's 80 random bits: uniform, so the codes are too (the bias of the modulo is
  // below 2^-36).
  let random = 0n;
  for (const byte of bytes.subarray(6)) random = (random << 8n) | BigInt(byte);
  let n = random % BigInt(BASE) ** BigInt(DATA_LENGTH);
  let data = '';
  for (let i = 0; i < DATA_LENGTH; i++) {
    data = SHORT_CODE_ALPHABET[Number(n % BigInt(BASE))] + data;
    n /= BigInt(BASE);
  }
  return data + shortCodeCheckSymbol(data);
}

/** A short code in its printed groups, `K7M-4QX-9PWC`. */
export function formatShortCode(code: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    parts.push(code.slice(at, at + size));
    at += size;
  }
  return parts.join('-');
}

export type ParsedShortCode =
  | { ok: true; code: string }
  /** `length`: not 10 symbols; `symbol`: a character outside the alphabet; `check`: a symbol is wrong or swapped */
  | { ok: false; reason: 'length' | 'symbol' | 'check' };

/**
 * A short code as someone types it: case, spaces, dots and dashes do not matter, and S reads as 5. Returns the
 * 10 symbols without dashes, or why the text is not a short code (see {@link ParsedShortCode}).
 */
export function parseShortCode(text: string): ParsedShortCode {
  const compact = [...text.toUpperCase().replace(/[\s.\-–]/g, '')].map((c) => TYPED_ALIASES[c] ?? c).join('');
  if (compact.length !== SHORT_CODE_LENGTH) return { ok: false, reason: 'length' };
  if (valuesOf(compact, false) === undefined) return { ok: false, reason: 'symbol' };
  return hasValidCheckSymbol(compact) ? { ok: true, code: compact } : { ok: false, reason: 'check' };
}

function valuesOf(text: string): number[];
function valuesOf(text: string, strict: false): number[] | undefined;
function valuesOf(text: string, strict = true): number[] | undefined {
  const values: number[] = [];
  for (const c of text) {
    const v = SHORT_CODE_ALPHABET.indexOf(c);
    if (v < 0) {
      if (strict) throw new RangeError(`not a short-code symbol: ${JSON.stringify(c)}`);
      return undefined;
    }
    values.push(v);
  }
  return values;
}
