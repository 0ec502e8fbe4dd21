import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PEOPLE_IMPORT_BODY_LIMIT, peopleImportRoutes } from '@vigevano/protocol';
import { currentUser, requireUser } from '../../../auth/guard';
import type { Store } from '../../../store/database';
import { importPeopleFile } from './import';
import { previewPeopleFile } from './preview';
import { templateCsv } from './template';

/**
 * Importing people from a CSV file (issue 15, item 8): the template, the preview (writes nothing) and the confirm
 * (checks the file again, then writes every row or none). Same roles as registering one person (ACCESS).
 */
export const peopleImportPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const guard = { preHandler: requireUser(store) };
  const upload = { ...guard, bodyLimit: PEOPLE_IMPORT_BODY_LIMIT };

  app.get(
    peopleImportRoutes.template.path,
    { ...guard, schema: peopleImportRoutes.template.schema },
    async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="modello-importazione-persone.csv"')
        .send(templateCsv()),
  );

  app.post(
    peopleImportRoutes.preview.path,
    { ...upload, schema: peopleImportRoutes.preview.schema },
    async (request) => previewPeopleFile(store.db, currentUser(request), request.body),
  );

  app.post(
    peopleImportRoutes.confirm.path,
    { ...upload, schema: peopleImportRoutes.confirm.schema },
    async (request) => {
      const user = currentUser(request);
      const result = await importPeopleFile(store.db, user, request.body);
      request.log.info(
        { created: result.created, fileName: request.body.fileName, by: user.id },
        'people imported',
      );
      return result;
    },
  );
};
