import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiTokenRoutes } from '@vigevano/protocol';
import type { Store } from '../store/database';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import { currentUser, requireUser } from './guard';

/** The admin's management of API tokens (create, list, revoke); a token itself can never reach these (role). */
export const apiTokensPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const admins = { preHandler: requireUser(store) };
  app.get(apiTokenRoutes.list.path, { ...admins, schema: apiTokenRoutes.list.schema }, async () => ({
    tokens: await listApiTokens(store.db),
  }));
  app.post(
    apiTokenRoutes.create.path,
    { ...admins, schema: apiTokenRoutes.create.schema },
    async (request) => {
      const created = await createApiToken(store.db, request.body, currentUser(request).id);
      request.log.warn(
        { tokenId: created.token.id, role: created.token.role, by: currentUser(request).id },
        'API token created',
      );
      return created;
    },
  );
  app.delete(
    apiTokenRoutes.revoke.path,
    { ...admins, schema: apiTokenRoutes.revoke.schema },
    async (request) => {
      const token = await revokeApiToken(store.db, request.params.tokenId);
      request.log.warn({ tokenId: token.id, by: currentUser(request).id }, 'API token revoked');
      return { token };
    },
  );
};
