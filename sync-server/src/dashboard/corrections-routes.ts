import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { correctionRoutes } from '@vigevano/protocol';
import { currentUser, requireUser } from '../auth/guard';
import { operationHours } from '../reports/queries/operation-hours';
import { refusalsReport } from '../reports/queries/refusals';
import type { Store } from '../store/database';
import { annulCheckin } from './annul-checkin';
import { markAttendance } from './attendance-marks';

/**
 * Attendance and corrections on the dashboard (issue 18, items 4 and 5): marks on a session's roster, a check-in
 * annulled, refused scans, a participant's hours in an operation. Who may call each: packages/protocol ACCESS.
 */
export const correctionsPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const signedIn = { preHandler: requireUser(store) };
  app.put(
    correctionRoutes.marks.path,
    { ...signedIn, schema: correctionRoutes.marks.schema },
    async (request) =>
      markAttendance(store.db, currentUser(request), request.params.sessionId, request.body.marks),
  );
  app.post(
    correctionRoutes.annul.path,
    { ...signedIn, schema: correctionRoutes.annul.schema },
    async (request) =>
      annulCheckin(store.db, currentUser(request), request.params.checkinId, request.body.reason),
  );
  app.get(
    correctionRoutes.refusals.path,
    { ...signedIn, schema: correctionRoutes.refusals.schema },
    async (request) => refusalsReport(store.db, currentUser(request), request.query),
  );
  app.get(
    correctionRoutes.operationHours.path,
    { ...signedIn, schema: correctionRoutes.operationHours.schema },
    async (request) => operationHours(store.db, currentUser(request), request.params.operationId),
  );
};
