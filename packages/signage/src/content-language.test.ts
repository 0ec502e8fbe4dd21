import { describe, expect, it } from 'vitest';
import { contentLanguage } from './content-language';

describe('contentLanguage (the info screens fallback)', () => {
  it("shows the visitor's language when the item has title and body in it", () => {
    expect(contentLanguage({ it: 'Corso', ar: 'دورة' }, { it: 'Testo', ar: 'نص' }, 'ar')).toBe('ar');
  });

  it('falls back to Italian when the title or the body is missing or blank in that language', () => {
    expect(contentLanguage({ it: 'Corso', ar: 'دورة' }, { it: 'Testo' }, 'ar')).toBe('it');
    expect(contentLanguage({ it: 'Corso', uk: ' ' }, { it: 'Testo', uk: 'Текст' }, 'uk')).toBe('it');
  });

  it('then to the first language that has both, when even Italian is empty', () => {
    expect(
      contentLanguage({ it: '', fr: 'Cours', en: 'Course' }, { it: '', fr: 'Texte', en: 'Text' }, 'zh'),
    ).toBe('en');
  });
});
