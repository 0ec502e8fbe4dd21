import { accessAreaOf, type SessionUser } from '@vigevano/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiFailure } from '../http/api-failure';
import { type AuthenticationHook, authenticationHook } from '../http/auth-first';
import type { Store } from '../store/database';
import { apiTokenSecret, apiTokenUser } from './api-tokens';
import { checkCsrf } from './csrf';
import { SESSION_COOKIE, sessionUser } from './sessions';
import { mustEnrolTotp } from './totp';

declare module 'fastify' {
  interface FastifyRequest {
    /** the coordinator signed in with the session cookie, set by requireUser */
    user?: SessionUser;
  }
}

/**
 * A hook that lets only signed-in users through whose role may call the route, by the access table of
 * packages/protocol (ACCESS, looked up with the route as declared); a request that changes something must also
 * pass the CSRF check (csrf.ts). A read-only API token in `Authorization: Bearer` passes for its role on GET
 * routes (auth/api-tokens.ts). It reads headers only and is marked as an authentication hook: declared as
 * preHandler or onRequest, it runs at onRequest, before any body is read (http/auth-first.ts). Throws ApiFailure
 * unauthorized (401) or forbidden (403); a guarded route missing from the table is a programming error (500).
 */
export function requireUser(store: Store): AuthenticationHook {
  return authenticationHook(async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const area = accessAreaOf(request.routeOptions.url ?? '');
    if (!area) throw new Error(`route ${request.routeOptions.url} has no entry in the access table (ACCESS)`);
    // An integration's read-only API token (auth/api-tokens.ts) stands for a user with its role, GET only.
    const apiToken = apiTokenSecret(request);
    if (apiToken !== undefined) {
      request.user = await apiTokenUser(store.db, request.method, apiToken, area.roles);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const user = token ? await sessionUser(store.db, token) : undefined;
    if (!user) throw new ApiFailure('unauthorized', 'accesso richiesto: la sessione è scaduta o assente');
    checkCsrf(request, token);
    if (!area.roles.includes(user.role))
      throw new ApiFailure('forbidden', 'il tuo ruolo non permette questa operazione');
    // The city requires a second factor of admins: one without it may only see who they are and enrol.
    if (area.name !== 'account' && (await mustEnrolTotp(store.db, user)))
      throw new ApiFailure(
        'forbidden',
        'il Comune richiede la verifica in due passaggi per gli amministratori: configurala prima di continuare',
      );
    request.user = user;
  });
}

/** The user set by requireUser; a route that calls this without the guard is a programming error. */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new Error('route has no requireUser guard');
  return request.user;
}
