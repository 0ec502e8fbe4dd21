/**
 * The language an info-screen item is shown in: the protocol's one fallback order (CONTENT_FALLBACK_ORDER, which
 * the dashboard's content list also returns), so the kiosk and the dashboard's "languages it lacks" agree.
 */
export { contentLanguage } from '@vigevano/protocol';
