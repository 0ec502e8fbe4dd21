import { isIP } from 'node:net';

/** A server address the kiosk refuses to use, with the reason in Italian for the installer. */
export class ServerUrlError extends Error {
  override name = 'ServerUrlError';
}

/** The lab escape hatch: `--allow-insecure-http` on the hub service, or VIGEVANO_ALLOW_INSECURE_HTTP=1. */
const ALLOW_INSECURE_HTTP_ENV = 'VIGEVANO_ALLOW_INSECURE_HTTP';

/** Whether a host name is this machine: localhost, 127.0.0.0/8 or ::1 (a WHATWG URL's hostname, IPv6 in brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * Checks the city server's address before the kiosk sends it anything: https, unless the server is on this very
 * machine (development, the demo) or the lab escape hatch is on. Over plain http anyone on the path could read
 * the kiosk's bearer token and feed it forged data (and forged updates, were they not signed).
 * @returns the parsed URL and whether it is plain http to another machine (the caller logs that loudly)
 * @throws ServerUrlError for a non-URL, a scheme other than http(s), or http to another machine when not allowed
 */
export function checkServerUrl(
  raw: string,
  options: { allowInsecureHttp: boolean },
): { url: URL; insecure: boolean } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ServerUrlError(`indirizzo del server non valido: ${JSON.stringify(raw)}`);
  }
  if (url.protocol === 'https:') return { url, insecure: false };
  if (url.protocol !== 'http:')
    throw new ServerUrlError(`l'indirizzo del server deve iniziare con https:// (non ${url.protocol}//)`);
  if (isLoopbackHost(url.hostname)) return { url, insecure: false };
  if (!options.allowInsecureHttp)
    throw new ServerUrlError(
      `il server ${url.origin} va raggiunto con https://: http in chiaro è ammesso solo su questa macchina (127.0.0.1), o in laboratorio con --allow-insecure-http / ${ALLOW_INSECURE_HTTP_ENV}=1`,
    );
  return { url, insecure: true };
}

/** The loud line logged whenever the escape hatch lets plain http through. */
export function insecureHttpWarning(url: URL): string {
  return `ATTENZIONE: il totem usa http in chiaro verso ${url.origin} (--allow-insecure-http / ${ALLOW_INSECURE_HTTP_ENV}=1): il token del totem e i dati viaggiano leggibili. Solo per un laboratorio, mai in un hub.`;
}

/** Whether the escape hatch is on, from the hub service's flag or the environment. */
export function allowInsecureHttpFrom(
  flag: boolean | undefined,
  env: Record<string, string | undefined>,
): boolean {
  return flag === true || env[ALLOW_INSECURE_HTTP_ENV] === '1';
}
