import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { noticeRoutes } from '@vigevano/protocol';
import { recordAudit, userActor } from '../audit/audit-log';
import { currentUser, requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import { createNotice, endNotice, existingNotice, noticeList } from './notices-store';

/**
 * Urgent notices (issue 17, item 4): the admin and coordinators create them and end them early. Each write commits
 * with its audit entry (`notice.create`, `notice.end`); the live streams announce it to kiosks on commit.
 */
export const noticesPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const editors = { preHandler: requireUser(store) };
  const target = (id: string) => ({ type: 'notice', id });
  app.get(noticeRoutes.list.path, { ...editors, schema: noticeRoutes.list.schema }, async () =>
    noticeList(store.db),
  );
  app.post(noticeRoutes.create.path, { ...editors, schema: noticeRoutes.create.schema }, async (request) =>
    store.db.transaction().execute(async (tx) => {
      const notice = await createNotice(tx, request.body);
      await recordAudit(tx, {
        actor: userActor(currentUser(request)),
        action: 'notice.create',
        target: target(notice.id),
        after: notice,
      });
      return { notice };
    }),
  );
  app.post(noticeRoutes.end.path, { ...editors, schema: noticeRoutes.end.schema }, async (request) =>
    store.db.transaction().execute(async (tx) => {
      const before = await existingNotice(tx, request.params.noticeId);
      const notice = await endNotice(tx, request.params.noticeId);
      await recordAudit(tx, {
        actor: userActor(currentUser(request)),
        action: 'notice.end',
        target: target(notice.id),
        before: { endsAt: before.endsAt },
        after: { endedAt: notice.endedAt },
      });
      return { notice };
    }),
  );
};
