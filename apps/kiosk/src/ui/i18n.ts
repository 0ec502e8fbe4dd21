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
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: all[l].ui }])),
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  interpolation: { escapeValue: false },
  // No advertising line in the kiosk's logs.
  showSupportNotice: false,
  initAsync: false,
});

/** Switches the visitor-facing language, and the page direction with it (Arabic is right to left). */
export function setVisitorLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
}
