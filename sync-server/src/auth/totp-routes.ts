import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { securitySettingsRoutes, totpRoutes } from '@vigevano/protocol';
import type { Store } from '../store/database';
import { currentUser, requireUser } from './guard';
import { confirmTotp, setTotpRequiredForAdmins, startTotpEnrolment, totpRequiredForAdmins } from './totp';

/** Each person's TOTP enrolment, and the admin's "TOTP required for admins" setting (auth/totp.ts). */
export const totpPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const guard = { preHandler: requireUser(store) };
  app.post(totpRoutes.start.path, { ...guard, schema: totpRoutes.start.schema }, async (request) =>
    startTotpEnrolment(store.db, currentUser(request)),
  );
  app.post(totpRoutes.confirm.path, { ...guard, schema: totpRoutes.confirm.schema }, async (request) => {
    await confirmTotp(store.db, currentUser(request), request.body.code);
    return { user: currentUser(request), mustEnrolTotp: false };
  });
  app.get(
    securitySettingsRoutes.get.path,
    { ...guard, schema: securitySettingsRoutes.get.schema },
    async () => ({
      totpRequiredForAdmins: await totpRequiredForAdmins(store.db),
    }),
  );
  app.put(
    securitySettingsRoutes.put.path,
    { ...guard, schema: securitySettingsRoutes.put.schema },
    async (request) => {
      await setTotpRequiredForAdmins(store.db, currentUser(request), request.body.totpRequiredForAdmins);
      return { totpRequiredForAdmins: await totpRequiredForAdmins(store.db) };
    },
  );
};
