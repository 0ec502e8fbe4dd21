import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base45Decode, base45Encode } from './base45';

const utf8 = new TextEncoder();

describe('base45 (RFC 9285)', () => {
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ])('encodes the RFC example %j as %j and back', (plain, encoded) => {
    expect(base45Encode(utf8.encode(plain))).toBe(encoded);
    expect(new TextDecoder().decode(base45Decode(encoded))).toBe(plain);
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base45Decode(base45Encode(bytes))).toEqual(bytes);
      }),
    );
  });

  it.each([
    ['GGW', 'exceeds two bytes'],
    ['ZZ', 'exceeds one byte'],
    ['A', 'length 1'],
    ['ab', 'character "a"'],
  ])('refuses %j (%s)', (text, message) => {
    expect(() => base45Decode(text)).toThrow(message);
  });
});
