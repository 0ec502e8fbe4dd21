import {
  AttendanceQuery,
  attendanceRoutes,
  ConnectionsQuery,
  connectionsRoutes,
  EsfQuery,
  esfRoutes,
  SessionsQuery,
  sessionsReportRoutes,
  ULID_PATTERN,
} from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { currentUser, requireUser } from '../auth/guard';
import { attendanceReport } from '../reports/queries/attendance';
import { connectionsReport } from '../reports/queries/connections';
import { esfCsv, esfReport } from '../reports/queries/esf';
import { sessionRoster, sessionsReport } from '../reports/queries/sessions';
import type { Store } from '../store/database';

const idParams = {
  type: 'object',
  properties: { sessionId: { type: 'string', pattern: ULID_PATTERN } },
  required: ['sessionId'],
} as const;

/**
 * The report pages' data. Aggregates are for every role (a hub lead's narrowed to their hub by the queries);
 * rosters name people, so only the admin and the hub's lead may open them.
 */
export const reportsPlugin: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const signedIn = { preHandler: requireUser(store) };
  app.get<{ Querystring: AttendanceQuery }>(
    attendanceRoutes.get.path,
    { ...signedIn, schema: { querystring: AttendanceQuery } },
    async (request) => attendanceReport(store.db, currentUser(request), request.query),
  );
  app.get<{ Querystring: ConnectionsQuery }>(
    connectionsRoutes.get.path,
    { ...signedIn, schema: { querystring: ConnectionsQuery } },
    async (request) => connectionsReport(store.db, currentUser(request), request.query),
  );
  app.get<{ Querystring: SessionsQuery }>(
    sessionsReportRoutes.get.path,
    { ...signedIn, schema: { querystring: SessionsQuery } },
    async (request) => sessionsReport(store.db, currentUser(request), request.query),
  );
  app.get<{ Params: { sessionId: string } }>(
    sessionsReportRoutes.roster.path,
    { preHandler: requireUser(store), schema: { params: idParams } },
    async (request) => sessionRoster(store.db, currentUser(request), request.params.sessionId),
  );
  app.get<{ Querystring: EsfQuery }>(
    esfRoutes.get.path,
    { ...signedIn, schema: { querystring: EsfQuery } },
    async (request) => esfReport(store.db, currentUser(request), request.query),
  );
  app.get<{ Querystring: EsfQuery }>(
    esfRoutes.csv.path,
    { ...signedIn, schema: { querystring: EsfQuery } },
    async (request, reply) => {
      const report = await esfReport(store.db, currentUser(request), request.query);
      const hubName = report.hubs.find((h) => h.id === report.query.hub)?.name ?? 'tutta la città';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="fse-partecipanti-${report.query.year}.csv"`)
        .send(esfCsv(report, hubName));
    },
  );
};
