import { DEFAULT_LANGUAGE, type Language } from '@vigevano/protocol';

/**
 * The Intl locale each visitor language is written with: the region whose conventions a speaker of it in Italy most
 * likely reads (BCP 47 tags; `zh` is simplified Chinese as spoken in mainland China).
 */
const LOCALES: Record<Language, string> = {
  it: 'it-IT',
  en: 'en-GB',
  ar: 'ar',
  fr: 'fr-FR',
  es: 'es-ES',
  ro: 'ro-RO',
  sq: 'sq-AL',
  uk: 'uk-UA',
  zh: 'zh-CN',
};

/** `ms` in the hub's time zone, written as `language` writes the parts `options` asks for. */
function format(
  ms: number,
  timeZone: string,
  language: Language,
  options: Intl.DateTimeFormatOptions,
): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone, ...options }).format(ms);
}

/**
 * Hours and minutes in the hub's time zone, in `language`'s digits and order, always on a 24-hour clock like the
 * hub's own timetable (09:30, not 9:30 AM). Italian by default (the staff screens).
 */
export function formatTime(ms: number, timeZone: string, language: Language = DEFAULT_LANGUAGE): string {
  return format(ms, timeZone, language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** Weekday, day and month in the hub's time zone, written in `language` ("lunedì 7 dicembre", "Monday 7 December"). */
export function formatDate(ms: number, timeZone: string, language: Language = DEFAULT_LANGUAGE): string {
  return format(ms, timeZone, language, { weekday: 'long', day: 'numeric', month: 'long' });
}
