import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatShortCode,
  hasValidCheckSymbol,
  parseShortCode,
  SHORT_CODE_ALPHABET,
  SHORT_CODE_LENGTH,
  shortCodeCheckSymbol,
  shortCodeOf,
} from './short-code';

const symbols = [...SHORT_CODE_ALPHABET];
const data = fc.array(fc.constantFrom(...symbols), { minLength: 9, maxLength: 9 }).map((s) => s.join(''));
const withCheck = (d: string) => d + shortCodeCheckSymbol(d);
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// Any ULID: 26 Crockford symbols, the first at most 7 (128 bits).
const ulid = fc
  .tuple(
    fc.constantFrom(...'01234567'),
    fc.array(fc.constantFrom(...CROCKFORD), { minLength: 25, maxLength: 25 }),
  )
  .map(([first, rest]) => first + rest.join(''));

describe('the short card code', () => {
  it('uses 29 distinct symbols, none of them a look-alike of another (0/O, 1/I/L, 5/S, U/V)', () => {
    expect(new Set(symbols).size).toBe(29);
    for (const c of '01ILOSU') expect(SHORT_CODE_ALPHABET).not.toContain(c);
  });

  it('catches every single wrong symbol, at every position, for every pair of symbols', () => {
    // Exhaustive over the alphabet: each position × each original symbol × each replacement, within random codes.
    fc.assert(
      fc.property(data, (d) => {
        const code = withCheck(d);
        expect(hasValidCheckSymbol(code)).toBe(true);
        for (let i = 0; i < code.length; i++)
          for (const wrong of symbols) {
            if (wrong === code[i]) continue;
            const typed = code.slice(0, i) + wrong + code.slice(i + 1);
            if (hasValidCheckSymbol(typed)) return false;
          }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('catches every swap of two adjacent different symbols, the check symbol included', () => {
    // Every ordered pair (x, y) of the alphabet, at every position of a random code.
    fc.assert(
      fc.property(data, fc.integer({ min: 0, max: SHORT_CODE_LENGTH - 2 }), (d, at) => {
        for (const x of symbols)
          for (const y of symbols) {
            if (x === y) continue;
            const original = [...d];
            original[at] = x;
            if (at + 1 < 9) original[at + 1] = y;
            const code = withCheck(original.join(''));
            const a = code[at] as string;
            const b = code[at + 1] as string;
            if (a === b) continue;
            const swapped = code.slice(0, at) + b + a + code.slice(at + 2);
            if (hasValidCheckSymbol(swapped)) return false;
          }
        return true;
      }),
      { numRuns: 40 },
    );
  });

  it('is 10 symbols of the alphabet derived from the card id, the same every time', () => {
    fc.assert(
      fc.property(ulid, (id) => {
        const code = shortCodeOf(id);
        return (
          code.length === SHORT_CODE_LENGTH &&
          [...code].every((c) => SHORT_CODE_ALPHABET.includes(c)) &&
          hasValidCheckSymbol(code) &&
          shortCodeOf(id) === code
        );
      }),
    );
    // Two cards made in the same millisecond differ in their random part, so in their codes.
    expect(shortCodeOf('01JDCARD000000000000000001')).not.toBe(shortCodeOf('01JDCARD000000000000000002'));
  });

  it('reads what people type: any case, spaces and dashes, S for 5; says why anything else is not a code', () => {
    const code = shortCodeOf('01JDCARD000000000000000001');
    const printed = formatShortCode(code);
    expect(printed).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{4}$/);
    expect(parseShortCode(printed)).toEqual({ ok: true, code });
    expect(parseShortCode(` ${printed.toLowerCase().replace(/-/g, ' ')} `)).toEqual({ ok: true, code });
    const withFive = withCheck('55555555A');
    expect(parseShortCode(withFive.replace(/5/g, 's'))).toEqual({ ok: true, code: withFive });
    expect(parseShortCode('ABC-DEF')).toEqual({ ok: false, reason: 'length' });
    expect(parseShortCode(`${code.slice(0, 9)}0`)).toEqual({ ok: false, reason: 'symbol' });
    const last = code[9] === '2' ? '3' : '2';
    expect(parseShortCode(code.slice(0, 9) + last)).toEqual({ ok: false, reason: 'check' });
  });

  it('refuses a card id that is not a ULID', () => {
    expect(() => shortCodeOf('not-a-ulid')).toThrow(RangeError);
    expect(() => shortCodeCheckSymbol('ab')).toThrow(/not a short-code symbol/);
  });
});
