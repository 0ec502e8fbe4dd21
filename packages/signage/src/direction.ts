import { type Language, RTL_LANGUAGES } from '@vigevano/protocol';

/** The writing direction of a language (`dir`): Arabic right to left, the others left to right. */
export function directionOf(language: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
}
