import type { Language } from '@vigevano/protocol';

/** The visitor languages as a coordinator names them (dashboard text is Italian). */
export const LANGUAGE_LABEL: Record<Language, string> = {
  it: 'italiano',
  en: 'inglese',
  ar: 'arabo',
  fr: 'francese',
  es: 'spagnolo',
  ro: 'rumeno',
  sq: 'albanese',
  uk: 'ucraino',
  zh: 'cinese',
};
