import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@vigevano/protocol';
import i18next, { type TFunction } from 'i18next';
import { TRANSLATIONS } from './translations';

// Unicode isolates around names and titles inside a message, so an Arabic name in an Italian sentence (or the
// reverse) does not reorder the words around it.
const FSI = '\u2068';
const PDI = '\u2069';
export const isolate = (text: string): string => `${FSI}${text}${PDI}`;

export type CheckinMessageKey = keyof (typeof TRANSLATIONS)['it']['checkin'];

/** The hub service's messages in every visitor language, Italian when a string is missing. */
export async function createMessages(): Promise<
  (language: Language, key: CheckinMessageKey, values?: Record<string, string>) => string
> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: TRANSLATIONS[l] }])),
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    // Answers are shown as text by React (never as HTML): escaping here would print &amp; literally.
    interpolation: { escapeValue: false },
    // No advertising line in the kiosk's logs.
    showSupportNotice: false,
    initAsync: false,
  });
  const byLanguage = new Map<Language, TFunction>(LANGUAGES.map((l) => [l, instance.getFixedT(l)]));
  return (language, key, values = {}) => {
    const t = byLanguage.get(language) ?? (byLanguage.get(DEFAULT_LANGUAGE) as TFunction);
    const isolated = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, isolate(v)]));
    return t(`checkin.${key}`, isolated);
  };
}
