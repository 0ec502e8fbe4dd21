import { DEFAULT_LANGUAGE, type Language } from '@vigevano/protocol';

/**
 * The language a check-in answer is written in. The language the visitor tapped on the kiosk for this visit
 * comes first: a person who asked for English reads English even when showing a card issued in French (issue 16
 * item 2). Only when nothing was tapped does the card's own language apply, and Italian (the hub staff's
 * language) when neither is known (a wrong code, an unreadable card).
 *
 * The visit language is held by the kiosk UI, which knows when a visit starts and ends (a tap, the idle reset, the
 * answer closing), and is sent with every scan and guest request: the hub service keeps no per-visitor state, so
 * queued scans and a reloaded page can never answer in a previous visitor's language.
 */
export function answerLanguage(visit: Language | undefined, card: Language | undefined): Language {
  return visit ?? card ?? DEFAULT_LANGUAGE;
}
