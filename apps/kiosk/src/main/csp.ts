import { KIOSK_CSP } from '@vigevano/protocol';

/**
 * Response headers with the kiosk's Content-Security-Policy added when the response has none: the hub service
 * already sends it, and this makes the window safe even if some response forgets.
 */
export function withKioskCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out = { ...(headers ?? {}) };
  const has = Object.keys(out).some((name) => name.toLowerCase() === 'content-security-policy');
  if (!has) out['Content-Security-Policy'] = [KIOSK_CSP];
  return out;
}
