import { CONSENT_TEXT_VERSION, ESF_VALUE_LABEL, PEOPLE_IMPORT_WORDS } from '@vigevano/protocol';
import { DateTime } from 'luxon';

// What one cell of the import file means: each converter answers the field's value, or an Italian sentence saying
// why the cell cannot be read (shown after "riga N, colonna X: "). Range and format rules that PersonInput states
// (lengths, e-mail, phone, birth year) are left to its schema, so there is one place that says what is valid.

/** A cell's value, or why it cannot be read. */
export type Cell<T> = { value: T } | { error: string };

/** Lower case, no accents, single spaces: how headers and words are compared ("Sì" = "si", "Disabilità" = "disabilita"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const quoted = (text: string) => `«${text}»`;

/** Optional text: an empty cell is null (not recorded). */
export function optionalText(text: string): Cell<string | null> {
  return { value: text === '' ? null : text };
}

// Italian spreadsheets write dates as 31/12/1990 (also with - or .); some exports write the ISO 1990-12-31.
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date a cell writes, or null: luxon refuses 31/02/1990 rather than rolling it over to March. */
function dateOf(text: string): DateTime | null {
  const dayFirst = DAY_FIRST.exec(text);
  const iso = dayFirst ? null : ISO_DATE.exec(text);
  const [day, month, year] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3]]
    : iso
      ? [iso[3], iso[2], iso[1]]
      : [];
  if (!day || !month || !year) return null;
  const date = DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) });
  return date.isValid ? date : null;
}

/**
 * A birth date (gg/mm/aaaa, also with - or ., or aaaa-mm-gg) or a year alone: the person's birth year, the only
 * part PersonInput keeps. A date after `today` is refused; an empty cell is null.
 */
export function birthYear(text: string, today: DateTime = DateTime.now()): Cell<number | null> {
  if (text === '') return { value: null };
  if (/^\d{4}$/.test(text)) return { value: Number(text) };
  const date = dateOf(text);
  if (!date) return { error: `${text} non è una data (scrivi gg/mm/aaaa, oppure solo l’anno)` };
  if (date > today) return { error: `${text} è una data futura` };
  return { value: date.year };
}

/** The words that mean `code` in a cell: the code, its label in the ESF+ report, and PEOPLE_IMPORT_WORDS. */
function wordsOf(code: string): string[] {
  return [code, ESF_VALUE_LABEL[code] ?? code, ...(PEOPLE_IMPORT_WORDS[code] ?? [])].map(fold);
}

/** The spelling of `code` shown in messages: its first Italian word. */
function wordOf(code: string): string {
  return PEOPLE_IMPORT_WORDS[code]?.[0] ?? ESF_VALUE_LABEL[code] ?? code;
}

function lookup<T extends string>(codes: readonly T[], text: string): T | undefined {
  const folded = fold(text);
  return codes.find((code) => wordsOf(code).includes(folded));
}

/** One coded value (gender, employment, education) from its code or an Italian word; empty is null. */
export function codedValue<T extends string>(codes: readonly T[], text: string): Cell<T | null> {
  if (text === '') return { value: null };
  const code = lookup(codes, text);
  if (code) return { value: code };
  return { error: `${quoted(text)} non è un valore ammesso (ammessi: ${codes.map(wordOf).join(', ')})` };
}

/**
 * The disadvantaged groups: values separated by | or , ; «nessuno» means recorded and none (an empty list); an
 * empty cell means not recorded (null). Each group counts once however often it is written.
 */
export function groups<T extends string>(codes: readonly T[], text: string): Cell<T[] | null> {
  if (text === '') return { value: null };
  if (fold(text) === 'nessuno' || fold(text) === 'none') return { value: [] };
  const found = new Set<T>();
  for (const part of text
    .split(/[|,]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const code = lookup(codes, part);
    if (!code)
      return {
        error: `${quoted(part)} non è un gruppo ammesso (ammessi: ${codes.map(wordOf).join(', ')}, oppure «nessuno»)`,
      };
    found.add(code);
  }
  return { value: [...found] };
}

const YES = new Set(['si', 's', 'x', 'yes', 'vero', 'true', '1']);

/**
 * The consent cell: only an explicit «sì» (or x, 1, vero) is consent. Anything else, an empty cell included, is
 * refused: a person is never stored without consent, so a row without it cannot be imported.
 */
export function consent(text: string): Cell<true> {
  if (YES.has(fold(text))) return { value: true };
  return {
    error: `${text === '' ? 'è vuota' : `${quoted(text)} non è un consenso`}: scrivi «sì» solo se la persona ha letto l’informativa e acconsente`,
  };
}

/** The consent text's version the person read: it must be the one in force (CONSENT_TEXT_VERSION). */
export function consentVersion(text: string): Cell<string> {
  if (text === CONSENT_TEXT_VERSION) return { value: text };
  return {
    error: `${text === '' ? 'è vuota' : `${quoted(text)} non è la versione in vigore`}: l’informativa in vigore è la ${CONSENT_TEXT_VERSION}`,
  };
}
