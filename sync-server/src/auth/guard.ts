import type { Role, SessionUser } from '@vigevano/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiFailure } from '../http/api-failure';
import { type AuthenticationHook, authenticationHook } from '../http/auth-first';
import type { Store } from '../store/database';
import { apiTokenSecret, apiTokenUser } from './api-tokens';
import { checkCsrf } from './csrf';
import { SESSION_COOKIE, sessionUser } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** the coordinator signed in with the session cookie, set by requireUser */
    user?: SessionUser;
  }
}

/**
 * A hook that lets only signed-in users with one of `roles` through (every role when none is given); a request
 * that changes something must also pass the CSRF check (csrf.ts). It reads headers only and is marked as an
 * authentication hook: declared as preHandler or onRequest, it runs at onRequest, before any body is read
 * (http/auth-first.ts). A read-only API token in `Authorization: Bearer` passes for its role on GET routes.
 * Throws ApiFailure unauthorized (401) or forbidden (403).
 */
export function requireUser(store: Store, roles: readonly Role[] = []): AuthenticationHook {
  return authenticationHook(async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    // An integration's read-only API token (auth/api-tokens.ts) stands for a user with its role, GET only.
    const apiToken = apiTokenSecret(request);
    if (apiToken !== undefined) {
      request.user = await apiTokenUser(store.db, request.method, apiToken, roles);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const user = token ? await sessionUser(store.db, token) : undefined;
    if (!user) throw new ApiFailure('unauthorized', 'accesso richiesto: la sessione è scaduta o assente');
    checkCsrf(request, token);
    if (roles.length > 0 && !roles.includes(user.role))
      throw new ApiFailure('forbidden', 'il tuo ruolo non permette questa operazione');
    request.user = user;
  });
}

/** The user set by requireUser; a route that calls this without the guard is a programming error. */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new Error('route has no requireUser guard');
  return request.user;
}
