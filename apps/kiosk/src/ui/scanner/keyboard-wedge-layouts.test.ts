import { encodeCardToken, generateKeyPair } from '@vigevano/protocol';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { KeyboardWedge, type WedgeOutcome } from './keyboard-wedge';
import { usLayoutCharacter } from './keyboard-wedge-us-layout';
import {
  LAYOUTS,
  type LayoutKeystroke,
  type LayoutName,
  layoutKeystrokes,
  scannerKeystrokes,
} from './testing/keyboard-layouts';

const LAYOUT_NAMES = Object.keys(LAYOUTS) as LayoutName[];
/** Every character a card token can hold: the prefix and the Base45 alphabet (RFC 9285). */
const TOKEN_ALPHABET = 'VG1:0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** A real signed card token (the alias and id vary, so the Base45 text does too). */
function cardToken(alias: string): string {
  return encodeCardToken(
    { cardId: ulid(), alias, language: 'it', issuedAt: Date.UTC(2026, 10, 29) },
    generateKeyPair(),
  );
}

/** Presses the keys as a scanner does (Shift down before a shifted key, up after), 3 ms apart, then Enter. */
function burst(wedge: KeyboardWedge, strokes: LayoutKeystroke[], start = 1000): WedgeOutcome {
  let at = start;
  for (const s of strokes) {
    if (s.shift) wedge.key({ key: 'Shift', code: 'ShiftLeft', shiftKey: true }, at + 1);
    at += 3;
    expect(wedge.key({ key: s.key, code: s.code, shiftKey: s.shift }, at)).toEqual({ kind: 'none' });
  }
  return wedge.key({ key: 'Enter', code: 'Enter' }, at + 3);
}

describe('usLayoutCharacter', () => {
  it('gives the US character of every physical key of the US table, with and without Shift', () => {
    for (const [code, [plain, shifted]] of Object.entries(LAYOUTS.us)) {
      expect(usLayoutCharacter(code, false), code).toBe(plain);
      expect(usLayoutCharacter(code, true), `Shift+${code}`).toBe(shifted);
    }
  });

  it('lets Caps Lock invert Shift for letters only', () => {
    expect(usLayoutCharacter('KeyV', false, true)).toBe('V');
    expect(usLayoutCharacter('KeyV', true, true)).toBe('v');
    expect(usLayoutCharacter('Digit4', false, true)).toBe('4');
    expect(usLayoutCharacter('Semicolon', true, true)).toBe(':');
  });

  it('reads the numeric keypad and knows no character for other keys', () => {
    expect(usLayoutCharacter('NumpadMultiply', false)).toBe('*');
    expect(usLayoutCharacter('Numpad7', true)).toBe('7');
    for (const code of ['ShiftLeft', 'Enter', 'F1', 'ArrowLeft', '', 'IntlBackslash'])
      expect(usLayoutCharacter(code, false), code).toBeUndefined();
  });
});

describe('KeyboardWedge on any keyboard layout', () => {
  it('the layout tables really differ from US where the issue says (else the tests below prove nothing)', () => {
    const typed = (layout: LayoutName) => scannerKeystrokes('VG1:*+-/ZY', layout).map((s) => s.key);
    expect(typed('it').join('')).toBe("VG1ç(^'-ZY");
    expect(typed('de')).toEqual(['V', 'G', '1', 'Ö', '(', 'Dead', 'ß', '-', 'Y', 'Z']);
    expect(typed('fr')).toEqual(['V', 'G', '&', 'M', '8', '+', ')', '!', 'W', 'Y']);
    expect(typed('es')).toEqual(['V', 'G', '1', 'Ñ', '(', '¿', "'", '-', 'Z', 'Y']);
  });

  for (const layout of LAYOUT_NAMES) {
    it(`reads every character of a card token from a US-configured scanner on the "${layout}" layout`, () => {
      const wedge = new KeyboardWedge({ recognise: (text) => text === TOKEN_ALPHABET });
      expect(burst(wedge, scannerKeystrokes(TOKEN_ALPHABET, layout))).toEqual({
        kind: 'scan',
        text: TOKEN_ALPHABET,
      });
    });

    it(`reads real signed card tokens from a US-configured scanner on the "${layout}" layout`, () => {
      const wedge = new KeyboardWedge();
      for (const [i, alias] of ['Giulia', 'Zoë', 'Yusuf', 'Anna Maria'].entries()) {
        const token = cardToken(alias);
        expect(burst(wedge, scannerKeystrokes(token, layout), (i + 1) * 10_000)).toEqual({
          kind: 'scan',
          text: token,
        });
      }
    });

    it(`reads a scanner set up for the kiosk's own "${layout}" layout too`, () => {
      const token = cardToken('Luca');
      expect(burst(new KeyboardWedge(), layoutKeystrokes(token, layout))).toEqual({
        kind: 'scan',
        text: token,
      });
    });
  }

  it('answers what the layout typed when neither reading is a card (the hub then says what is wrong)', () => {
    // "VG1:" typed on an Italian layout by a scanner set up for it, then text that is no token.
    const strokes = layoutKeystrokes('VG1:NOT A CARD', 'it');
    expect(burst(new KeyboardWedge(), strokes)).toEqual({ kind: 'scan', text: 'VG1:NOT A CARD' });
  });

  it('keeps the character the layout typed when Ctrl, Alt or AltGr is held', () => {
    const wedge = new KeyboardWedge({ recognise: () => false });
    [...'ABCDEFGH@'].forEach((ch, i) => {
      wedge.key({ key: ch, code: 'KeyQ', altKey: true, ctrlKey: true }, i * 3);
    });
    expect(wedge.key({ key: 'Enter', code: 'Enter' }, 30)).toEqual({ kind: 'scan', text: 'ABCDEFGH@' });
  });

  it('still leaves a person typing on an Italian layout alone', () => {
    const wedge = new KeyboardWedge();
    const strokes = layoutKeystrokes('VG1:ABCDEFGHIJ', 'it');
    strokes.forEach((s, i) => {
      wedge.key({ key: s.key, code: s.code, shiftKey: s.shift }, i * 140);
    });
    expect(wedge.key({ key: 'Enter', code: 'Enter' }, strokes.length * 140)).toEqual({ kind: 'none' });
  });
});
