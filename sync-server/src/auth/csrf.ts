import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiFailure } from '../http/api-failure';

/** The cookie the dashboard reads (not HttpOnly) and sends back in CSRF_HEADER with every change it asks for. */
export const CSRF_COOKIE = 'vg_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The session's CSRF token: an HMAC of the secret session token, so the server keeps nothing more and another
 * site, which can neither read the session cookie nor this one, cannot produce it.
 */
function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('vigevano-csrf').digest('base64url');
}

export function setCsrfCookie(
  reply: FastifyReply,
  sessionToken: string,
  secure: boolean,
  maxAgeSeconds: number,
): void {
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(sessionToken), {
    httpOnly: false,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

/**
 * Cross-site request forgery protection for requests that change something (besides SameSite=Strict cookies):
 * - a browser tells where a request comes from (Sec-Fetch-Site, Origin): anything but this site is refused;
 * - a browser request must also carry the session's token in X-CSRF-Token (double submit, bound to the session).
 * A request with neither header is not from a browser (a script, a test, curl), so no other site can have
 * forged it with a coordinator's cookie; it still needs the session cookie itself.
 */
export function checkCsrf(request: FastifyRequest, sessionToken: string | undefined): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw new ApiFailure('forbidden', 'richiesta da un altro sito rifiutata');
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== request.headers.host)
      throw new ApiFailure('forbidden', 'richiesta da un altro sito rifiutata');
  }
  if (site === undefined && origin === undefined) return;
  if (!sessionToken) return; // no session: the route's own check refuses it
  const sent = request.headers[CSRF_HEADER];
  const expected = csrfTokenFor(sessionToken);
  if (
    typeof sent !== 'string' ||
    sent.length !== expected.length ||
    !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))
  )
    throw new ApiFailure('forbidden', 'token di sicurezza (CSRF) mancante o non valido: ricarica la pagina');
}
