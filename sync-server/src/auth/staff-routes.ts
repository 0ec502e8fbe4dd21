import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { staffRoutes } from '@vigevano/protocol';
import type { Store } from '../store/database';
import { currentUser, requireUser } from './guard';
import {
  changeStaffRole,
  inviteStaff,
  issueResetLink,
  listStaff,
  resetStaffTotp,
  setStaffDisabled,
} from './staff';

/**
 * The admin's "Personale" page (auth/staff.ts): list, invite, change role, disable and enable, reset links, removing a lost authenticator (TOTP). Links
 * point at `publicUrl` (PUBLIC_URL), where the person opens the dashboard.
 */
export const staffPlugin: FastifyPluginAsyncTypebox<{ store: Store; publicUrl: string }> = async (
  app,
  { store, publicUrl },
) => {
  const admins = { preHandler: requireUser(store) };
  app.get(staffRoutes.list.path, { ...admins, schema: staffRoutes.list.schema }, async () =>
    listStaff(store.db),
  );
  app.post(staffRoutes.invite.path, { ...admins, schema: staffRoutes.invite.schema }, async (request) => {
    const link = await inviteStaff(store.db, currentUser(request), request.body, publicUrl);
    request.log.info({ role: request.body.role, by: currentUser(request).id }, 'staff invited');
    return link;
  });
  app.put(
    staffRoutes.changeRole.path,
    { ...admins, schema: staffRoutes.changeRole.schema },
    async (request) => ({
      user: await changeStaffRole(store.db, currentUser(request), request.params.userId, request.body),
    }),
  );
  app.post(staffRoutes.disable.path, { ...admins, schema: staffRoutes.disable.schema }, async (request) => ({
    user: await setStaffDisabled(store.db, currentUser(request), request.params.userId, true),
  }));
  app.post(staffRoutes.enable.path, { ...admins, schema: staffRoutes.enable.schema }, async (request) => ({
    user: await setStaffDisabled(store.db, currentUser(request), request.params.userId, false),
  }));
  app.post(
    staffRoutes.totpReset.path,
    { ...admins, schema: staffRoutes.totpReset.schema },
    async (request) => {
      const user = await resetStaffTotp(store.db, currentUser(request), request.params.userId);
      request.log.warn({ userId: user.id, by: currentUser(request).id }, 'staff TOTP reset, sessions ended');
      return { user };
    },
  );
  app.post(staffRoutes.resetLink.path, { ...admins, schema: staffRoutes.resetLink.schema }, async (request) =>
    issueResetLink(store.db, currentUser(request), request.params.userId, publicUrl),
  );
};
