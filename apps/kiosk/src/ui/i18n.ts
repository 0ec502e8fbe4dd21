import { DEFAULT_LANGUAGE, LANGUAGES, type Language, RTL_LANGUAGES } from '@vigevano/protocol';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from '../../../../resources/translations/ar.json';
import en from '../../../../resources/translations/en.json';
import es from '../../../../resources/translations/es.json';
import fr from '../../../../resources/translations/fr.json';
import it from '../../../../resources/translations/it.json';
import ro from '../../../../resources/translations/ro.json';
import sq from '../../../../resources/translations/sq.json';
import uk from '../../../../resources/translations/uk.json';
import zh from '../../../../resources/translations/zh.json';

const all = { it, en, ar, fr, es, ro, sq, uk, zh };

/** Each language's name in itself, for the language picker. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  it: 'Italiano',
  en: 'English',
  ar: 'العربية',
  fr: 'Français',
  es: 'Español',
  ro: 'Română',
  sq: 'Shqip',
  uk: 'Українська',
  zh: '中文',
};

void i18next.use(initReactI18next).init({
  // `translation` (the default namespace): the UI's strings; `checkin`: the hub's answers, for the one answer the
  // UI writes itself (the hub service could not be reached).
  resources: Object.fromEntries(
    LANGUAGES.map((l) => [l, { translation: all[l].ui, checkin: all[l].checkin }]),
  ),
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  interpolation: { escapeValue: false },
  // No advertising line in the kiosk's logs.
  showSupportNotice: false,
  initAsync: false,
});

/** The writing direction of a language, for the `dir` attribute of text shown in it (Arabic is right to left). */
export function directionOf(language: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
}

/** Switches the visitor-facing language, and the page direction with it. */
export function setVisitorLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/** The answer shown when the hub service could not answer at all, in the visit's language. */
export function unreachableHubMessage(language: Language): string {
  return i18next.getFixedT(language, 'checkin')('error');
}

// Unicode first-strong isolates around a name or title put inside a translated sentence (an interpolated value
// cannot be a <bdi> element): a Latin session title in an Arabic sentence keeps the words around it in order.
const FSI = '\u2068';
const PDI = '\u2069';
/** `text` wrapped in Unicode isolates (FSI … PDI), for names and titles interpolated into a translated string. */
export const isolate = (text: string): string => `${FSI}${text}${PDI}`;
