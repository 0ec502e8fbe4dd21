import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { esfOperationRoutes, PERSONAL_DATA, registerRoutes } from '@vigevano/protocol';
import { registerPdf } from '@vigevano/registers';
import { currentUser, requireUser } from '../auth/guard';
import { esfOperationCsv, esfOperationXlsx } from '../reports/esf-operations/files';
import { operationRegister, sessionRegister } from '../reports/esf-operations/registers';
import { esfMissingList, esfOperationReport } from '../reports/esf-operations/report';
import type { Store } from '../store/database';

const fileName = (q: { operation?: string; from: string; to: string }) =>
  `fse-${(q.operation ?? 'tutte').replace(/[^A-Za-z0-9_-]/g, '_')}-${q.from}-${q.to}`;

/**
 * The ESF+ report per operation and period (page, CSV, XLSX, missing data) and the attendance registers as PDF
 * (issue 18, items 6 and 7). Reads only: nothing here writes, so nothing is audited.
 */
export const esfOperationsPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const guard = { preHandler: requireUser(store) };
  const r = esfOperationRoutes;
  app.get(r.get.path, { ...guard, schema: r.get.schema }, async (request) =>
    esfOperationReport(store.db, currentUser(request), request.query),
  );
  app.get(r.csv.path, { ...guard, schema: r.csv.schema }, async (request, reply) => {
    const report = await esfOperationReport(store.db, currentUser(request), request.query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(request.query)}.csv"`)
      .send(esfOperationCsv(report));
  });
  app.get(r.xlsx.path, { ...guard, schema: r.xlsx.schema }, async (request, reply) => {
    const user = currentUser(request);
    const report = await esfOperationReport(store.db, user, request.query);
    // the names of whose data is missing only for the roles that may see personal data
    const missing = PERSONAL_DATA.includes(user.role)
      ? await esfMissingList(store.db, user, request.query)
      : null;
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName(request.query)}.xlsx"`)
      .send(await esfOperationXlsx(report, missing));
  });
  app.get(r.missing.path, { ...guard, schema: r.missing.schema }, async (request) =>
    esfMissingList(store.db, currentUser(request), request.query),
  );
  app.get(
    registerRoutes.session.path,
    { ...guard, schema: registerRoutes.session.schema },
    async (request, reply) => {
      const register = await sessionRegister(store.db, currentUser(request), request.params.sessionId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="registro-${request.params.sessionId}.pdf"`)
        .send(await registerPdf(register));
    },
  );
  app.get(
    registerRoutes.operation.path,
    { ...guard, schema: registerRoutes.operation.schema },
    async (request, reply) => {
      const register = await operationRegister(store.db, currentUser(request), request.params.operationId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="registro-${request.params.operationId}.pdf"`)
        .send(await registerPdf(register));
    },
  );
};
