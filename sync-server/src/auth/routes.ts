import rateLimit from '@fastify/rate-limit';
import { authRoutes, LoginRequest, type LoginResponse } from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { ApiFailure } from '../http/api-failure';
import type { Store } from '../store/database';
import { CSRF_COOKIE, checkCsrf, setCsrfCookie } from './csrf';
import { currentUser, requireUser } from './guard';
import { clearFailures, lockedUntil, recordFailure } from './lockout';
import { verifyAgainstNobody, verifyPassword } from './passwords';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_TTL_MS } from './sessions';
import { toSessionUser } from './users';

/** Login attempts per client address per minute, whatever the email: slows down password guessing at the door. */
export const LOGIN_RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const;

/**
 * Coordinators' sign-in with a session cookie (HttpOnly, SameSite=Strict, Secure behind HTTPS), a CSRF token
 * cookie bound to it, a per-address rate limit and a per-account lockout after repeated wrong passwords.
 */
export const authPlugin: FastifyPluginAsync<{ store: Store; secureCookies: boolean }> = async (
  app,
  { store, secureCookies },
) => {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiFailure(
        'rate_limited',
        `troppi tentativi di accesso: riprova tra ${Math.ceil(context.ttl / 1000)} secondi`,
      ),
  });

  app.post<{ Body: LoginRequest }>(
    authRoutes.login.path,
    { schema: { body: LoginRequest }, config: { rateLimit: LOGIN_RATE_LIMIT } },
    async (request, reply) => {
      // Login changes state (a session): another site may not post it either.
      checkCsrf(request, undefined);
      const { password } = request.body;
      const email = request.body.email.toLowerCase();
      const until = await lockedUntil(store.db, email);
      if (until !== null) {
        const minutes = Math.ceil((until - Date.now()) / 60_000);
        throw new ApiFailure(
          'rate_limited',
          `troppi tentativi falliti: accesso bloccato per ${minutes} minuti`,
        );
      }
      const row = await store.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      const ok = row
        ? await verifyPassword(row.password_hash, password)
        : await verifyAgainstNobody(password);
      if (!row || !ok) {
        await recordFailure(store.db, email);
        request.log.warn({ email }, 'login failed');
        throw new ApiFailure('unauthorized', 'email o password non corretti');
      }
      await clearFailures(store.db, email);
      const token = await createSession(store.db, row.id);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      setCsrfCookie(reply, token, secureCookies, SESSION_TTL_MS / 1000);
      request.log.info({ userId: row.id }, 'login');
      return { user: toSessionUser(row) } satisfies LoginResponse;
    },
  );

  app.get(authRoutes.me.path, { preHandler: requireUser(store) }, async (request, reply) => {
    // Sessions started before the CSRF cookie existed get it here.
    const token = request.cookies[SESSION_COOKIE];
    if (token && !request.cookies[CSRF_COOKIE])
      setCsrfCookie(reply, token, secureCookies, SESSION_TTL_MS / 1000);
    return { user: currentUser(request) };
  });

  app.post(authRoutes.logout.path, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    checkCsrf(request, token);
    if (token) await deleteSession(store.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });
};
