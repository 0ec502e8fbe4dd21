import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages';
import { base45Decode, base45Encode } from './base45';
import { generateKeyPair } from './keys';
import { CARD_TOKEN_PREFIX, encodeCardToken, type IssuerKey, parseCardToken, verifyCardToken } from './token';

// Bad input at the card reader (invariant 4 and 6): whatever a camera or a scanner hands the kiosk, random or
// crafted from a real card, the parser and the verifier never throw and never accept a card that the issuer did
// not sign exactly as it is. RELIABILITY_SCALE=long draws ten times as many cases.

const RUNS = process.env.RELIABILITY_SCALE === 'long' ? 20_000 : 2_000;
const server = generateKeyPair();
const issuers = new Map<string, IssuerKey>([
  [server.keyId, { id: 'server', keyId: server.keyId, publicKey: server.publicKey }],
]);
const find = (keyId: string) => issuers.get(keyId);
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const cardArb = fc.record({
  cardId: fc
    .array(fc.constantFrom(...CROCKFORD), { minLength: 25, maxLength: 25 })
    .map((cs) => `0${cs.join('')}`),
  alias: fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
    .filter((a) => a.trim().length > 0 && [...a.trim()].length <= 24),
  language: fc.constantFrom(...LANGUAGES),
  issuedAt: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2100, 0, 1) }),
});

/** The verdict, checked for shape: a verifier that answers nonsense is as bad as one that throws. */
function verdict(text: string) {
  const result = verifyCardToken(text, find);
  if (result.ok) expect(result.issuer.id).toBe('server');
  else expect(['invalid', 'unknown_issuer', 'bad_signature']).toContain(result.code);
  return result;
}

describe('card token under hostile input', () => {
  it('never throws and never accepts random text, with or without the card prefix', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc
            .string({
              unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'),
              maxLength: 320,
            })
            .map((s) => CARD_TOKEN_PREFIX + s),
        ),
        (text) => {
          expect(() => parseCardToken(text)).not.toThrow();
          expect(verdict(text).ok).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('accepts a mutated card only if the mutation changed nothing (bytes flipped, cut, grown, shuffled)', () => {
    fc.assert(
      fc.property(
        cardArb,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: -3, max: 3 }),
        (card, flips, grow) => {
          const token = encodeCardToken(card, server);
          expect(verdict(token).ok).toBe(true);
          const bytes = base45Decode(token.slice(CARD_TOKEN_PREFIX.length));
          const mutated = new Uint8Array(Math.max(0, bytes.length + grow));
          mutated.set(bytes.subarray(0, mutated.length));
          for (const [at, xor] of flips)
            if (mutated.length > 0)
              mutated[at % mutated.length] = (mutated[at % mutated.length] as number) ^ xor;
          const text = CARD_TOKEN_PREFIX + base45Encode(mutated);
          const result = verdict(text);
          const same = mutated.length === bytes.length && mutated.every((b, i) => b === bytes[i]);
          expect(result.ok).toBe(same);
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("refuses a forgery: another key's signature under the server's key id, or a random signature", () => {
    const forger = generateKeyPair();
    fc.assert(
      fc.property(cardArb, fc.uint8Array({ minLength: 64, maxLength: 64 }), (card, randomSignature) => {
        const forged = base45Decode(encodeCardToken(card, forger).slice(CARD_TOKEN_PREFIX.length));
        // claim the server's key id (bytes 17..24 of the body)
        forged.set(
          base45Decode(encodeCardToken(card, server).slice(CARD_TOKEN_PREFIX.length)).subarray(17, 25),
          17,
        );
        expect(verdict(CARD_TOKEN_PREFIX + base45Encode(forged))).toMatchObject({
          ok: false,
          code: 'bad_signature',
        });
        forged.set(randomSignature, forged.length - 64);
        expect(verdict(CARD_TOKEN_PREFIX + base45Encode(forged)).ok).toBe(false);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('refuses a malleated signature (S + L, valid for lenient verifiers)', () => {
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    fc.assert(
      fc.property(cardArb, (card) => {
        const bytes = base45Decode(encodeCardToken(card, server).slice(CARD_TOKEN_PREFIX.length));
        const sOffset = bytes.length - 32;
        let s = 0n;
        for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(bytes[sOffset + i] as number);
        // s < L < 2^253, so s + L still fits the 32 bytes: the same signature, written non-canonically
        let t = s + L;
        for (let i = 0; i < 32; i++) {
          bytes[sOffset + i] = Number(t & 0xffn);
          t >>= 8n;
        }
        expect(verdict(CARD_TOKEN_PREFIX + base45Encode(bytes)).ok).toBe(false);
      }),
      { numRuns: Math.ceil(RUNS / 10) },
    );
  });
});
