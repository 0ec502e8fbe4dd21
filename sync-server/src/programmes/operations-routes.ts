import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Hub, mayActOnHub, operationAdminRoutes, operationReadRoutes } from '@vigevano/protocol';
import { currentUser, requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import { listDocuments } from '../store/documents';
import { createOperation, deleteOperation, listOperations, updateOperation } from './operation-store';

/** Funded operations: read by the admin, coordinators and hub leads (their hubs'); written by editors (ACCESS). */
export const operationsPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const guard = { preHandler: requireUser(store) };
  app.get(
    operationReadRoutes.list.path,
    { ...guard, schema: operationReadRoutes.list.schema },
    async (request) => {
      const user = currentUser(request);
      const operations = (await listOperations(store.db)).filter((o) =>
        o.hubIds.some((h) => mayActOnHub(user, h)),
      );
      const hubs = (await listDocuments<Hub>(store.db, 'hubs'))
        .filter((h) => !h.archived)
        .map((h) => ({ id: h.id, name: h.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'it'));
      return { operations, hubs };
    },
  );
  const admin = operationAdminRoutes;
  app.post(admin.create.path, { ...guard, schema: admin.create.schema }, async (request) => ({
    operation: await createOperation(store.db, request.body, currentUser(request)),
  }));
  app.put(admin.update.path, { ...guard, schema: admin.update.schema }, async (request) => ({
    operation: await updateOperation(
      store.db,
      request.params.operationId,
      request.body,
      currentUser(request),
    ),
  }));
  app.delete(admin.remove.path, { ...guard, schema: admin.remove.schema }, async (request) => ({
    deleted: await deleteOperation(store.db, request.params.operationId, currentUser(request)),
  }));
};
