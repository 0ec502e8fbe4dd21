import { DEFAULT_LANGUAGE, LANGUAGES, type Language, type LocalizedText } from '@vigevano/protocol';

/**
 * The language an info-screen item is shown in, the one fallback order of the kiosk: the visitor's language when
 * the item has both its title and its body in it, else Italian (every item has it: coordinators publish in
 * Italian first, see LocalizedText), else the first language, in LANGUAGES order, that has both.
 */
export function contentLanguage(title: LocalizedText, body: LocalizedText, visitor: Language): Language {
  const order: Language[] = [visitor, DEFAULT_LANGUAGE, ...LANGUAGES];
  return order.find((language) => title[language]?.trim() && body[language]?.trim()) ?? DEFAULT_LANGUAGE;
}
