import { DEFAULT_LANGUAGE, LANGUAGES, type Language, type LocalizedText } from '../languages';

/**
 * The info screens' language fallback (issue 17, item 5), the one order every reader follows: a kiosk shows an
 * item in the visitor's own language when the item has both its title and its body in it; otherwise in the first
 * language of this list that has both. Italian comes first (every item has it: coordinators publish in Italian,
 * see LocalizedText), then the other languages in LANGUAGES order. The dashboard's content list API returns it as
 * `fallbackOrder`, so any client can tell which text a visitor of a language it lacks will read.
 */
export const CONTENT_FALLBACK_ORDER: readonly Language[] = [
  DEFAULT_LANGUAGE,
  ...LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE),
];

/** Whether an item has both its title and its body, not blank, in `language`. */
export function hasContentLanguage(title: LocalizedText, body: LocalizedText, language: Language): boolean {
  return Boolean(title[language]?.trim() && body[language]?.trim());
}

/**
 * The language an item is shown in to a visitor of `visitor`: theirs when the item has it, else the first of
 * CONTENT_FALLBACK_ORDER it has (Italian, which every stored item has; an item with no language at all: Italian).
 */
export function contentLanguage(title: LocalizedText, body: LocalizedText, visitor: Language): Language {
  return (
    [visitor, ...CONTENT_FALLBACK_ORDER].find((l) => hasContentLanguage(title, body, l)) ?? DEFAULT_LANGUAGE
  );
}

/**
 * The visitor languages an item lacks (title or body missing or blank), in LANGUAGES order: visitors of these
 * read the item in the fallback language instead.
 */
export function missingLanguages(title: LocalizedText, body: LocalizedText): Language[] {
  return LANGUAGES.filter((l) => !hasContentLanguage(title, body, l));
}
