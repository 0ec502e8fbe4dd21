import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiTokenRoutes } from '@vigevano/protocol';
import { recordAudit, userActor } from '../audit/audit-log';
import type { Store } from '../store/database';
import { createApiToken, findApiToken, listApiTokens, revokeApiToken } from './api-tokens';
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
      const user = currentUser(request);
      const created = await store.db.transaction().execute(async (tx) => {
        const made = await createApiToken(tx, request.body, user.id);
        // The secret is in the answer only, never in the log (nor is its hash).
        await recordAudit(tx, {
          actor: userActor(user),
          action: 'api_token.create',
          target: { type: 'api_token', id: made.token.id },
          after: { name: made.token.name, role: made.token.role },
        });
        return made;
      });
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
      const user = currentUser(request);
      const token = await store.db.transaction().execute(async (tx) => {
        const before = await findApiToken(tx, request.params.tokenId);
        const revoked = await revokeApiToken(tx, request.params.tokenId);
        // Revoking a revoked token changes nothing, and records nothing.
        if (before && before.revokedAt === null)
          await recordAudit(tx, {
            actor: userActor(user),
            action: 'api_token.revoke',
            target: { type: 'api_token', id: revoked.id },
            before: { name: before.name, role: before.role, revokedAt: null },
            after: { name: revoked.name, role: revoked.role, revokedAt: revoked.revokedAt },
          });
        return revoked;
      });
      request.log.warn({ tokenId: token.id, by: currentUser(request).id }, 'API token revoked');
      return { token };
    },
  );
};
