import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../languages';
import { base45Decode, base45Encode } from './base45';
import { generateKeyPair, type SigningKeyPair } from './keys';
import { CARD_TOKEN_PREFIX, encodeCardToken, type IssuerKey, parseCardToken, verifyCardToken } from './token';

const kiosk = generateKeyPair();
const server = generateKeyPair();
const issuers = new Map<string, IssuerKey>([
  [kiosk.keyId, { id: '01JDKIOSK0000000000000000A', keyId: kiosk.keyId, publicKey: kiosk.publicKey }],
  [server.keyId, { id: 'server', keyId: server.keyId, publicKey: server.publicKey }],
]);
const find = (keyId: string) => issuers.get(keyId);
const card = {
  cardId: '01JDCARD000000000000000001',
  alias: 'Maria',
  language: 'it' as Language,
  issuedAt: Date.UTC(2026, 10, 26, 15),
};

function sign(overrides: Partial<typeof card> = {}, key: SigningKeyPair = kiosk) {
  return encodeCardToken({ ...card, ...overrides }, key);
}

describe('card token v1', () => {
  it('round-trips the payload and names the issuer', () => {
    const result = verifyCardToken(sign(), find);
    expect(result).toEqual({
      ok: true,
      card: {
        cardId: card.cardId,
        keyId: kiosk.keyId,
        issuedOn: '2026-11-26',
        language: 'it',
        alias: 'Maria',
      },
      issuer: issuers.get(kiosk.keyId),
    });
  });

  it('keeps aliases in every script and every language', () => {
    for (const [i, alias] of ['Aïcha', 'فاطمة', '李娜', 'Олена', 'Dragoș'].entries()) {
      const language = LANGUAGES[i % LANGUAGES.length] ?? 'it';
      const result = verifyCardToken(sign({ alias, language }, server), find);
      expect(result.ok && result.card).toMatchObject({ alias, language });
    }
  });

  it('fits a QR code of version 10 or less at error correction M, even with the longest alias', async () => {
    const longest = sign({ alias: '𠜎'.repeat(24) });
    expect(longest.length).toBeLessThanOrEqual(300);
    const qr = QRCode.create(longest, { errorCorrectionLevel: 'M' });
    expect(qr.version).toBeLessThanOrEqual(10);
    expect(QRCode.create(sign(), { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(7);
  });

  it('refuses a card from an issuer this kiosk does not know, naming the key', () => {
    const stranger = generateKeyPair();
    expect(verifyCardToken(sign({}, stranger), find)).toMatchObject({
      ok: false,
      code: 'unknown_issuer',
      keyId: stranger.keyId,
    });
  });

  it('refuses a token whose key id names a known issuer but whose signature is another key', () => {
    const forger = generateKeyPair();
    const forged = sign({}, forger);
    const lying = (keyId: string) => (keyId === forger.keyId ? issuers.get(kiosk.keyId) : undefined);
    expect(verifyCardToken(forged, lying)).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it('refuses text that is not a card, with a reason', () => {
    for (const text of [
      '',
      'hello',
      'VG1:',
      'VG1:abc',
      `${CARD_TOKEN_PREFIX}${'0'.repeat(400)}`,
      'VG2:AAAA',
    ]) {
      const result = verifyCardToken(text, find);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.code).toBe('invalid');
    }
  });

  it('never accepts a token with any byte changed (random mutations)', () => {
    const token = sign();
    const bytes = base45Decode(token.slice(CARD_TOKEN_PREFIX.length));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, xor) => {
          const mutated = bytes.slice();
          mutated[at] = (mutated[at] as number) ^ xor;
          const result = verifyCardToken(CARD_TOKEN_PREFIX + base45Encode(mutated), find);
          expect(result.ok).toBe(false);
        },
      ),
    );
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        expect(verifyCardToken(`${CARD_TOKEN_PREFIX}${text}`, find).ok).toBe(false);
        expect(parseCardToken(text).ok).toBe(false);
      }),
    );
  });

  it('refuses to encode bad payloads with a message naming the field', () => {
    expect(() => sign({ cardId: 'nope' })).toThrow('cardId');
    expect(() => sign({ alias: ' ' })).toThrow('alias');
    expect(() => sign({ alias: 'x'.repeat(25) })).toThrow('alias');
    expect(() => sign({ issuedAt: 0 })).toThrow('issuedAt');
  });
});
