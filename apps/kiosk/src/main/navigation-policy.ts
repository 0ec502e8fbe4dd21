/**
 * Where the kiosk window may go: only the hub service's own origin. Pure, so it is unit-tested without Electron.
 * Anything else (a link in info content, a typed URL, window.open) is refused, data: URLs included: a page that
 * could navigate to one would run a document of its own making outside the kiosk's origin and CSP. (The shell's
 * own status pages are data: URLs loaded with loadURL, which is not a navigation this policy sees.)
 */
export function isAllowedNavigation(targetUrl: string, kioskOrigin: string): boolean {
  let target: URL;
  try {
    target = new URL(targetUrl);
  } catch {
    return false;
  }
  // data:, blob:, about:, javascript: and the like are documents or code of a page's own making, never the kiosk.
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
  return target.origin === new URL(kioskOrigin).origin;
}

/** The kiosk's URL from the environment, refusing anything that is not a loopback http(s) address. */
export function kioskUrlFrom(env: Record<string, string | undefined>): URL {
  const raw = env.KIOSK_URL ?? 'http://127.0.0.1:4410/';
  const url = new URL(raw);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (!/^https?:$/.test(url.protocol) || !loopback) {
    throw new Error(`KIOSK_URL must be the hub service on this machine (http://127.0.0.1:PORT), not ${raw}`);
  }
  return url;
}
