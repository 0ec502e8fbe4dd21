/**
 * What five PC keyboard layouts produce for the physical keys that type a card token (`VG1:` + Base45:
 * 0-9 A-Z space $ % * + - . / :) on a US layout or on their own, for tests: each entry is a `KeyboardEvent.code`
 * → the `KeyboardEvent.key` without and with Shift, as the Windows and Linux (xkb) layouts "us", "it", "de",
 * "fr" (AZERTY) and "es" give them. Backslash is also the ISO key left of Enter (UI Events code values).
 * "Dead" is a dead key (´ ` ¨): its keydown types nothing by itself.
 */
export type LayoutName = 'us' | 'it' | 'de' | 'fr' | 'es';
type Layout = Readonly<Record<string, readonly [string, string]>>;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function qwerty(): Record<string, readonly [string, string]> {
  return Object.fromEntries([...LETTERS].map((l) => [`Key${l}`, [l.toLowerCase(), l] as const]));
}

/** Digit1…Digit0 of a row: `plain` and `shifted` are the ten characters in key order (1 2 … 9 0). */
function digitRow(plain: string, shifted: string): Record<string, readonly [string, string]> {
  const codes = [...'1234567890'].map((d) => `Digit${d}`);
  return Object.fromEntries(codes.map((code, i) => [code, [plain[i], shifted[i]] as [string, string]]));
}

export const LAYOUTS: Readonly<Record<LayoutName, Layout>> = {
  us: {
    ...qwerty(),
    ...digitRow('1234567890', '!@#$%^&*()'),
    Minus: ['-', '_'],
    Equal: ['=', '+'],
    BracketLeft: ['[', '{'],
    BracketRight: [']', '}'],
    Backslash: ['\\', '|'],
    Semicolon: [';', ':'],
    Quote: ["'", '"'],
    Comma: [',', '<'],
    Period: ['.', '>'],
    Slash: ['/', '?'],
    Space: [' ', ' '],
  },
  it: {
    ...qwerty(),
    ...digitRow('1234567890', '!"£$%&/()='),
    Minus: ["'", '?'],
    Equal: ['ì', '^'],
    BracketLeft: ['è', 'é'],
    BracketRight: ['+', '*'],
    Backslash: ['ù', '§'],
    Semicolon: ['ò', 'ç'],
    Quote: ['à', '°'],
    Comma: [',', ';'],
    Period: ['.', ':'],
    Slash: ['-', '_'],
    Space: [' ', ' '],
  },
  de: {
    ...qwerty(),
    KeyY: ['z', 'Z'],
    KeyZ: ['y', 'Y'],
    ...digitRow('1234567890', '!"§$%&/()='),
    Minus: ['ß', '?'],
    Equal: ['Dead', 'Dead'],
    BracketLeft: ['ü', 'Ü'],
    BracketRight: ['+', '*'],
    Backslash: ['#', "'"],
    Semicolon: ['ö', 'Ö'],
    Quote: ['ä', 'Ä'],
    Comma: [',', ';'],
    Period: ['.', ':'],
    Slash: ['-', '_'],
    Space: [' ', ' '],
  },
  fr: {
    ...qwerty(),
    KeyQ: ['a', 'A'],
    KeyA: ['q', 'Q'],
    KeyW: ['z', 'Z'],
    KeyZ: ['w', 'W'],
    KeyM: [',', '?'],
    ...digitRow('&é"\'(-è_çà', '1234567890'),
    Minus: [')', '°'],
    Equal: ['=', '+'],
    BracketLeft: ['Dead', 'Dead'],
    BracketRight: ['$', '£'],
    Backslash: ['*', 'µ'],
    Semicolon: ['m', 'M'],
    Quote: ['ù', '%'],
    Comma: [';', '.'],
    Period: [':', '/'],
    Slash: ['!', '§'],
    Space: [' ', ' '],
  },
  es: {
    ...qwerty(),
    ...digitRow('1234567890', '!"·$%&/()='),
    Minus: ["'", '?'],
    Equal: ['¡', '¿'],
    BracketLeft: ['Dead', 'Dead'],
    BracketRight: ['+', '*'],
    Backslash: ['ç', 'Ç'],
    Semicolon: ['ñ', 'Ñ'],
    Quote: ['Dead', 'Dead'],
    Comma: [',', ';'],
    Period: ['.', ':'],
    Slash: ['-', '_'],
    Space: [' ', ' '],
  },
};

/** One key press: the physical key, whether Shift is held, and what the layout makes of it. */
export interface LayoutKeystroke {
  code: string;
  shift: boolean;
  /** KeyboardEvent.key ("Dead" for a dead key) */
  key: string;
  /** the text the press inserts ("" for a dead key), as CDP's Input.dispatchKeyEvent takes it */
  text: string;
}

function pressOn(layout: Layout, code: string, shift: boolean): LayoutKeystroke {
  const keys = layout[code];
  if (!keys) throw new Error(`no key ${code} in this layout table`);
  const key = keys[shift ? 1 : 0];
  return { code, shift, key, text: key === 'Dead' ? '' : key };
}

/** The key (and Shift) that types `char` on `layout`, unshifted keys first. */
function findKey(layout: Layout, char: string): { code: string; shift: boolean } {
  for (const shift of [false, true])
    for (const [code, keys] of Object.entries(layout))
      if (keys[shift ? 1 : 0] === char) return { code, shift };
  throw new Error(`${JSON.stringify(char)} cannot be typed on this layout table`);
}

/**
 * The keystrokes a keyboard-wedge scanner set up as shipped (US layout) sends for `text`, as a kiosk with the
 * `layout` keyboard layout reports them.
 */
export function scannerKeystrokes(text: string, layout: LayoutName): LayoutKeystroke[] {
  return [...text].map((char) => {
    const { code, shift } = findKey(LAYOUTS.us, char);
    return pressOn(LAYOUTS[layout], code, shift);
  });
}

/** The keystrokes a person (or a scanner set up for the kiosk's layout) presses to type `text` on `layout`. */
export function layoutKeystrokes(text: string, layout: LayoutName): LayoutKeystroke[] {
  return [...text].map((char) => {
    const { code, shift } = findKey(LAYOUTS[layout], char);
    return pressOn(LAYOUTS[layout], code, shift);
  });
}
