import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authRoutes } from '@vigevano/protocol';
import { ApiFailure } from '../http/api-failure';
import type { Store } from '../store/database';
import { registerAccountLinkRoutes } from './account-link-routes';
import { CSRF_COOKIE, checkCsrf, setCsrfCookie } from './csrf';
import { currentUser, requireUser } from './guard';
import { clearLoginFailures, loginRetryAfterMs, pruneLoginThrottle, recordLoginFailure } from './lockout';
import { verifyAgainstNobody, verifyPassword } from './passwords';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_TTL_MS } from './sessions';
import { mustEnrolTotp, totpCodeValid } from './totp';
import { toSessionUser } from './users';

/** Login attempts per client address per minute, whatever the email: slows down password guessing at the door. */
export const LOGIN_RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const;

/** Old throttling counters are swept at most this often (on a failed login), so the table cannot grow forever. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Coordinators' sign-in with a session cookie (HttpOnly, SameSite=Strict, Secure behind HTTPS), a CSRF token
 * cookie bound to it, a per-address rate limit and growing delays after wrong passwords (lockout.ts), answered
 * 429 with Retry-After. The address is request.ip: the peer, or what a trusted proxy forwarded (TRUST_PROXY).
 */
export const authPlugin: FastifyPluginAsyncTypebox<{ store: Store; secureCookies: boolean }> = async (
  app,
  { store, secureCookies },
) => {
  let prunedAt = 0;
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiFailure(
        'rate_limited',
        `troppi tentativi di accesso: riprova tra ${Math.ceil(context.ttl / 1000)} secondi`,
      ),
  });

  registerAccountLinkRoutes(app, store, LOGIN_RATE_LIMIT);

  app.post(
    authRoutes.login.path,
    { schema: authRoutes.login.schema, config: { rateLimit: LOGIN_RATE_LIMIT } },
    async (request, reply) => {
      // Login changes state (a session): another site may not post it either.
      checkCsrf(request, undefined);
      const { password } = request.body;
      const attempt = { email: request.body.email.toLowerCase(), address: request.ip };
      const { email } = attempt;
      const waitMs = await loginRetryAfterMs(store.db, attempt);
      if (waitMs !== null) {
        const seconds = Math.ceil(waitMs / 1000);
        reply.header('retry-after', String(seconds));
        throw new ApiFailure('rate_limited', `troppi tentativi falliti: riprova tra ${seconds} secondi`, {
          retryAfterSeconds: seconds,
        });
      }
      const row = await store.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      const ok = row
        ? await verifyPassword(row.password_hash, password)
        : await verifyAgainstNobody(password);
      // A second factor, when the account has one: asked for only after the right password.
      const totpWrong =
        row && ok && row.totp_secret
          ? request.body.code === undefined
            ? 'missing'
            : !(await totpCodeValid(row.totp_secret, request.body.code))
          : false;
      if (totpWrong === 'missing')
        throw new ApiFailure('totp_required', "inserisci il codice a 6 cifre dell'app di autenticazione");
      if (!row || !ok || totpWrong) {
        await recordLoginFailure(store.db, attempt);
        if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
          prunedAt = Date.now();
          await pruneLoginThrottle(store.db);
        }
        request.log.warn({ email, address: attempt.address }, 'login failed');
        throw new ApiFailure(
          'unauthorized',
          totpWrong ? "il codice dell'app non è corretto" : 'email o password non corretti',
        );
      }
      await clearLoginFailures(store.db, attempt);
      // Said only to whoever knows the password: a disabled account is not a secret from its owner.
      if (row.disabled_at != null)
        throw new ApiFailure('forbidden', "questo account è disattivato: rivolgiti all'amministrazione");
      const now = Date.now();
      await store.db.updateTable('users').set({ last_login_at: now }).where('id', '=', row.id).execute();
      const token = await createSession(store.db, row.id, now);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      setCsrfCookie(reply, token, secureCookies, SESSION_TTL_MS / 1000);
      request.log.info({ userId: row.id }, 'login');
      const user = toSessionUser(row);
      return { user, mustEnrolTotp: await mustEnrolTotp(store.db, user) };
    },
  );

  app.get(
    authRoutes.me.path,
    { schema: authRoutes.me.schema, preHandler: requireUser(store) },
    async (request, reply) => {
      // Sessions started before the CSRF cookie existed get it here.
      const token = request.cookies[SESSION_COOKIE];
      if (token && !request.cookies[CSRF_COOKIE])
        setCsrfCookie(reply, token, secureCookies, SESSION_TTL_MS / 1000);
      const user = currentUser(request);
      return { user, mustEnrolTotp: await mustEnrolTotp(store.db, user) };
    },
  );

  app.post(authRoutes.logout.path, { schema: authRoutes.logout.schema }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    checkCsrf(request, token);
    if (token) await deleteSession(store.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true as const };
  });
};
