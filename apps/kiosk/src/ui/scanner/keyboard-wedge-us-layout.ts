/**
 * The US keyboard layout, by physical key. A keyboard-wedge scanner set up as shipped sends USB HID key codes for
 * the keys a US keyboard would need to type the code; the operating system then turns them into characters with
 * ITS layout (on an Italian one Shift+; gives "ç", not ":"). `KeyboardEvent.code` names the physical key whatever
 * the layout (UI Events KeyboardEvent code values, https://www.w3.org/TR/uievents-code/), so reading it through
 * this table recovers what the scanner meant.
 *
 * Each entry: [without Shift, with Shift].
 */
const NOT_LETTERS: Readonly<Record<string, readonly [string, string]>> = {
  Backquote: ['`', '~'],
  Digit1: ['1', '!'],
  Digit2: ['2', '@'],
  Digit3: ['3', '#'],
  Digit4: ['4', '$'],
  Digit5: ['5', '%'],
  Digit6: ['6', '^'],
  Digit7: ['7', '&'],
  Digit8: ['8', '*'],
  Digit9: ['9', '('],
  Digit0: ['0', ')'],
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
  // Some scanners type digits and + - * / . on the numeric keypad (NumLock on): the same on every layout.
  Numpad0: ['0', '0'],
  Numpad1: ['1', '1'],
  Numpad2: ['2', '2'],
  Numpad3: ['3', '3'],
  Numpad4: ['4', '4'],
  Numpad5: ['5', '5'],
  Numpad6: ['6', '6'],
  Numpad7: ['7', '7'],
  Numpad8: ['8', '8'],
  Numpad9: ['9', '9'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
  NumpadDecimal: ['.', '.'],
};

const US_KEYS: Readonly<Record<string, readonly [string, string]>> = {
  ...NOT_LETTERS,
  ...Object.fromEntries(
    [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((l) => [`Key${l}`, [l.toLowerCase(), l]] as const),
  ),
};

/**
 * The character the physical key `code` types on a US layout with this Shift and Caps Lock state (Caps Lock
 * inverts Shift for letters only, as on a PC), or undefined for a key that types no character (Shift, Enter,
 * F1…) or a code this table does not know.
 */
export function usLayoutCharacter(code: string, shift: boolean, capsLock = false): string | undefined {
  const key = US_KEYS[code];
  if (!key) return undefined;
  const shifted = code.startsWith('Key') && code.length === 4 ? shift !== capsLock : shift;
  return key[shifted ? 1 : 0];
}
