import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages';
import { CONTENT_FALLBACK_ORDER, contentLanguage, missingLanguages } from './language-fallback';

describe('the info screens language fallback', () => {
  it('lists every visitor language once, Italian first', () => {
    expect(CONTENT_FALLBACK_ORDER[0]).toBe('it');
    expect([...CONTENT_FALLBACK_ORDER].sort()).toEqual([...LANGUAGES].sort());
  });

  it("shows the visitor's language when the item has it, else the first of the order that it has", () => {
    expect(contentLanguage({ it: 'Corso', ar: 'دورة' }, { it: 'Testo', ar: 'نص' }, 'ar')).toBe('ar');
    expect(contentLanguage({ it: 'Corso', ar: 'دورة' }, { it: 'Testo' }, 'ar')).toBe('it');
    expect(
      contentLanguage({ it: '', fr: 'Cours', en: 'Course' }, { it: '', fr: 'Texte', en: 'Text' }, 'zh'),
    ).toBe('en');
  });

  it('names the languages whose title or body is missing or blank, in LANGUAGES order', () => {
    expect(
      missingLanguages(
        { it: 'Corso', en: 'Course', uk: ' ', zh: '课程' },
        { it: 'Testo', en: 'Text', uk: 'Текст' },
      ),
    ).toEqual(['ar', 'fr', 'es', 'ro', 'sq', 'uk', 'zh']);
    const all = Object.fromEntries(LANGUAGES.map((l) => [l, 'x'])) as { it: string };
    expect(missingLanguages(all, all)).toEqual([]);
  });
});
