import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { attendanceRoutes, connectionsRoutes, esfRoutes, sessionsReportRoutes } from '@vigevano/protocol';
import { currentUser, requireUser } from '../auth/guard';
import { attendanceReport } from '../reports/queries/attendance';
import { connectionsReport } from '../reports/queries/connections';
import { esfCsv, esfReport } from '../reports/queries/esf';
import { sessionRoster, sessionsReport } from '../reports/queries/sessions';
import type { Store } from '../store/database';

/**
 * The report pages' data. Aggregates are for every role (a hub lead's narrowed to their hub by the queries);
 * rosters name people, so only the admin and the hub's lead may open them.
 */
export const reportsPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const signedIn = { preHandler: requireUser(store) };
  app.get(attendanceRoutes.get.path, { ...signedIn, schema: attendanceRoutes.get.schema }, async (request) =>
    attendanceReport(store.db, currentUser(request), request.query),
  );
  app.get(
    connectionsRoutes.get.path,
    { ...signedIn, schema: connectionsRoutes.get.schema },
    async (request) => connectionsReport(store.db, currentUser(request), request.query),
  );
  app.get(
    sessionsReportRoutes.get.path,
    { ...signedIn, schema: sessionsReportRoutes.get.schema },
    async (request) => sessionsReport(store.db, currentUser(request), request.query),
  );
  app.get(
    sessionsReportRoutes.roster.path,
    { preHandler: requireUser(store), schema: sessionsReportRoutes.roster.schema },
    async (request) => sessionRoster(store.db, currentUser(request), request.params.sessionId),
  );
  app.get(esfRoutes.get.path, { ...signedIn, schema: esfRoutes.get.schema }, async (request) =>
    esfReport(store.db, currentUser(request), request.query),
  );
  app.get(esfRoutes.csv.path, { ...signedIn, schema: esfRoutes.csv.schema }, async (request, reply) => {
    const report = await esfReport(store.db, currentUser(request), request.query);
    const hubName = report.hubs.find((h) => h.id === report.query.hub)?.name ?? 'tutta la città';
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="fse-partecipanti-${report.query.year}.csv"`)
      .send(esfCsv(report, hubName));
  });
};
