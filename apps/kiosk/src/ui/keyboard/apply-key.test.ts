import { SHORT_CODE_ALPHABET } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { applyKey } from './apply-key';
import { layoutOf, NAME_KEYBOARDS, nameKeyboardFor, PADS } from './layouts';

describe('a key of the on-screen keyboard applied to a field', () => {
  it('types a symbol, a space, and deletes the last character', () => {
    expect(applyKey('K7', 'M')).toBe('K7M');
    expect(applyKey('Anna', '{space}')).toBe('Anna ');
    expect(applyKey('K7M', '{bksp}')).toBe('K7');
    expect(applyKey('', '{bksp}')).toBe('');
  });

  it('types both letters of the Arabic lam-alef key, and shift types nothing', () => {
    expect(applyKey('س', 'لا')).toBe('سلا');
    expect(applyKey('Anna', '{shift}')).toBe('Anna');
  });

  it('adds nothing beyond the maximum length, and still deletes', () => {
    expect(applyKey('123456', '7', 6)).toBe('123456');
    expect(applyKey('123456', '{bksp}', 6)).toBe('12345');
  });
});

describe('the keyboards', () => {
  const keysOf = (rows: string[]) => rows.flatMap((r) => r.split(' '));

  it('the card code pad holds exactly the short code alphabet and delete', () => {
    const keys = keysOf(PADS.cardCode.default);
    expect(keys.filter((k) => k !== '{bksp}').sort()).toEqual([...SHORT_CODE_ALPHABET].sort());
    expect(keys).toContain('{bksp}');
  });

  it('the PIN pad holds the ten digits and delete', () => {
    expect(keysOf(PADS.digits.default).sort()).toEqual([...'0123456789', '{bksp}'].sort());
  });

  it('every name keyboard can delete and type a space, and each key appears once per layer', () => {
    for (const layout of Object.values(NAME_KEYBOARDS))
      for (const rows of [layout.default, layout.shift ?? layout.default]) {
        const keys = keysOf(rows);
        expect(keys).toEqual(expect.arrayContaining(['{bksp}', '{space}']));
        expect(new Set(keys).size).toBe(keys.length);
      }
  });

  it('picks the Arabic and Ukrainian keyboards for those languages, the Latin one for the others', () => {
    expect(nameKeyboardFor('ar')).toBe('ar');
    expect(nameKeyboardFor('uk')).toBe('uk');
    expect(nameKeyboardFor('fr')).toBe('it');
    expect(layoutOf('name', 'ar')).toBe(NAME_KEYBOARDS.ar);
    expect(layoutOf('digits')).toBe(PADS.digits);
  });
});
