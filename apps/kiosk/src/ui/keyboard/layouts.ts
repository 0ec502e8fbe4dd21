import { SHORT_CODE_ALPHABET } from '@vigevano/protocol';

/**
 * The kiosk's on-screen keyboards, as simple-keyboard layouts (each row a string of keys split by spaces; a key in
 * braces is a function key: {bksp} deletes, {shift} switches to the `shift` rows, {space} types a space).
 * Pads for codes list only what the code can hold, so a visitor cannot type a character the code never has;
 * name keyboards follow the layout people of that script know (Italian QWERTY, Arabic 101, Ukrainian ЙЦУКЕН).
 */
export interface KeyboardLayout {
  /** the rows shown first */
  default: string[];
  /** the rows after {shift}; absent for pads without one */
  shift?: string[];
}

/** Splits an alphabet into rows of at most `perRow` keys, in its own order (a code pad reads like the alphabet). */
function rowsOf(symbols: string, perRow: number): string[] {
  const rows: string[] = [];
  for (let at = 0; at < symbols.length; at += perRow)
    rows.push([...symbols.slice(at, at + perRow)].join(' '));
  return rows;
}

/**
 * The short card code pad: the 29 symbols of packages/protocol/src/cards/short-code.ts (digits first, then
 * letters), nothing else; the dashes of the printed groups are not typed (the hub ignores them).
 */
const CARD_CODE: KeyboardLayout = {
  default: [
    ...rowsOf(SHORT_CODE_ALPHABET.slice(0, 8), 8),
    ...rowsOf(SHORT_CODE_ALPHABET.slice(8), 11),
    '{bksp}',
  ],
};

/** A telephone pad for PINs and numbers: 1 2 3 on top, as on every phone and card terminal. */
const DIGITS: KeyboardLayout = { default: ['1 2 3', '4 5 6', '7 8 9', '{bksp} 0'] };

/** Digits and a colon, for a time of day typed as HH:mm. */
const TIME: KeyboardLayout = { default: ['1 2 3', '4 5 6', '7 8 9', ': 0 {bksp}'] };

/**
 * The kiosk enrolment code: Crockford base32 as sync-server/src/devices/enrolment-code.ts draws it (no I, L, O,
 * U), with the dash of its printed groups.
 */
const ENROLMENT_CODE: KeyboardLayout = {
  default: ['0 1 2 3 4 5 6 7 8 9', 'A B C D E F G H J K', 'M N P Q R S T V W X', 'Y Z - {bksp}'],
};

/** A web address: lower-case Latin letters, digits and the punctuation of URLs. */
const URL: KeyboardLayout = {
  default: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'q w e r t y u i o p',
    'a s d f g h j k l :',
    'z x c v b n m . / -',
    'https:// .it',
  ],
};

/** Italian QWERTY with the accented vowels Italian keyboards carry, for names. */
const ITALIAN: KeyboardLayout = {
  default: [
    "1 2 3 4 5 6 7 8 9 0 ' {bksp}",
    'q w e r t y u i o p è',
    'a s d f g h j k l ò à ù',
    '{shift} z x c v b n m , . - ì',
    '{space}',
  ],
  shift: [
    "1 2 3 4 5 6 7 8 9 0 ' {bksp}",
    'Q W E R T Y U I O P É',
    'A S D F G H J K L Ò À Ù',
    '{shift} Z X C V B N M , . - Ì',
    '{space}',
  ],
};

/**
 * Arabic 101 (the layout of Arabic PC keyboards), with the hamza forms names need (أ إ آ) on a row of their own
 * instead of behind shift.
 */
const ARABIC: KeyboardLayout = {
  default: [
    'ض ص ث ق ف غ ع ه خ ح ج د {bksp}',
    'ش س ي ب ل ا ت ن م ك ط',
    'ئ ء ؤ ر لا ى ة و ز ظ ذ',
    'أ إ آ {space} .',
  ],
};

/** Ukrainian ЙЦУКЕН (with і, ї, є, ґ and the apostrophe Ukrainian names use). */
const UKRAINIAN: KeyboardLayout = {
  default: [
    'й ц у к е н г ш щ з х ї {bksp}',
    'ф і в а п р о л д ж є ґ',
    "{shift} я ч с м и т ь б ю ' -",
    '{space}',
  ],
  shift: [
    'Й Ц У К Е Н Г Ш Щ З Х Ї {bksp}',
    'Ф І В А П Р О Л Д Ж Є Ґ',
    "{shift} Я Ч С М И Т Ь Б Ю ' -",
    '{space}',
  ],
};

/** The keyboards for names, by script; every other language types names on the Italian (Latin) one. */
export const NAME_KEYBOARDS = { it: ITALIAN, ar: ARABIC, uk: UKRAINIAN } as const;
export type NameKeyboard = keyof typeof NAME_KEYBOARDS;

/** What a field holds, and so the keyboard it gets. */
export type KeyboardKind = 'cardCode' | 'digits' | 'time' | 'enrolmentCode' | 'url' | 'name';

/** The pads for every kind but `name` (whose keyboard the person picks: {@link NAME_KEYBOARDS}). */
export const PADS: Record<Exclude<KeyboardKind, 'name'>, KeyboardLayout> = {
  cardCode: CARD_CODE,
  digits: DIGITS,
  time: TIME,
  enrolmentCode: ENROLMENT_CODE,
  url: URL,
};

/** The name keyboard for a language: its own script's, else the Latin one. */
export function nameKeyboardFor(language: string): NameKeyboard {
  return language === 'ar' || language === 'uk' ? language : 'it';
}

/** The layout a field of `kind` shows (for a name, in the keyboard `name`). */
export function layoutOf(kind: KeyboardKind, name: NameKeyboard = 'it'): KeyboardLayout {
  return kind === 'name' ? NAME_KEYBOARDS[name] : PADS[kind];
}
