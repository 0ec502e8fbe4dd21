import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { accountLinkRoutes } from '@vigevano/protocol';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/database';
import { acceptAccountLink, describeAccountLink } from './account-links';
import { checkCsrf } from './csrf';

/**
 * The routes behind `/accesso/<token>`, open without a session (the link is the credential). Registered inside
 * the auth plugin, so they share its rate limiter: `rateLimit` is the login's per-address limit, which is what
 * slows down guessing a link's 256-bit secret (not that it could be guessed).
 */
export function registerAccountLinkRoutes(
  app: FastifyInstance,
  store: Store,
  rateLimit: { max: number; timeWindow: string },
): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    accountLinkRoutes.describe.path,
    { schema: accountLinkRoutes.describe.schema, config: { rateLimit } },
    async (request) => describeAccountLink(store.db, request.params.token),
  );
  typed.post(
    accountLinkRoutes.accept.path,
    { schema: accountLinkRoutes.accept.schema, config: { rateLimit } },
    async (request) => {
      // It creates an account: another site may not post it (the same double-submit check as the login).
      checkCsrf(request, undefined);
      const user = await acceptAccountLink(store.db, request.params.token, request.body);
      request.log.info({ userId: user.id }, 'account link used');
      return { user };
    },
  );
}
