import { LANGUAGES } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { createMessages, isolate } from './messages';
import { TRANSLATIONS } from './translations';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('every language has every key of Italian, with the same placeholders, none empty', () => {
    const reference = keysOf(TRANSLATIONS.it);
    for (const language of LANGUAGES) {
      expect(keysOf(TRANSLATIONS[language]), language).toEqual(reference);
      for (const section of ['checkin', 'ui'] as const) {
        const reference: Record<string, string> = TRANSLATIONS.it[section];
        for (const [key, text] of Object.entries(TRANSLATIONS[language][section] as Record<string, string>)) {
          expect(text.trim(), `${language}.${section}.${key}`).not.toBe('');
          expect(placeholders(text), `${language}.${section}.${key}`).toEqual(
            placeholders(reference[key] ?? ''),
          );
        }
      }
    }
  });

  it('greets in the card language with the name isolated for bidirectional text', async () => {
    const message = await createMessages();
    expect(message('it', 'accepted', { name: 'Maria' })).toBe(
      `Ciao ${isolate('Maria')}, ti diamo il benvenuto!`,
    );
    expect(message('ar', 'accepted', { name: 'Maria' })).toContain(isolate('Maria'));
    expect(message('zh', 'revoked')).toBe('这张卡已失效。请向工作人员申请新卡。');
    // Markup in a name stays text: the UI renders it as text.
    expect(message('en', 'accepted', { name: '<b>x</b>' })).toContain('<b>x</b>');
  });
});
