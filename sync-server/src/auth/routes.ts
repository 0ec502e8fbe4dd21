import { authRoutes, LoginRequest, type LoginResponse } from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { ApiFailure } from '../http/api-failure';
import type { Store } from '../store/database';
import { currentUser, requireUser } from './guard';
import { verifyAgainstNobody, verifyPassword } from './passwords';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_TTL_MS } from './sessions';
import { toSessionUser } from './users';

/** Coordinators' sign-in with a session cookie (HttpOnly, SameSite=Strict, Secure behind HTTPS). */
export const authPlugin: FastifyPluginAsync<{ store: Store; secureCookies: boolean }> = async (
  app,
  { store, secureCookies },
) => {
  app.post<{ Body: LoginRequest }>(
    authRoutes.login.path,
    { schema: { body: LoginRequest } },
    async (request, reply) => {
      const { email, password } = request.body;
      const row = await store.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      const ok = row
        ? await verifyPassword(row.password_hash, password)
        : await verifyAgainstNobody(password);
      if (!row || !ok) throw new ApiFailure('unauthorized', 'email o password non corretti');
      const token = await createSession(store.db, row.id);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      request.log.info({ userId: row.id }, 'login');
      return { user: toSessionUser(row) } satisfies LoginResponse;
    },
  );

  app.get(authRoutes.me.path, { preHandler: requireUser(store) }, async (request) => ({
    user: currentUser(request),
  }));

  app.post(authRoutes.logout.path, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(store.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
};
