/**
 * Languages a visitor can be greeted in. Italian is the default; Arabic is written right to left.
 * `sq` is Albanian, `uk` Ukrainian, `zh` Chinese (simplified).
 */
export const LANGUAGES = ['it', 'en', 'ar', 'fr', 'es', 'ro', 'sq', 'uk', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'it';
export const RTL_LANGUAGES: readonly Language[] = ['ar'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Text in several languages; Italian is always present because every hub's staff read it. */
export type LocalizedText = { it: string } & Partial<Record<Language, string>>;
