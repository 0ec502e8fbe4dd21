import { Type } from 'typebox';
import { errorResponses, rawResponse } from './schema';

/**
 * The API's own description, generated from the route table (routes.ts): OpenAPI 3 as JSON for every signed-in
 * user and API token (integrations generate clients from it), and a browsable page (Swagger UI) for admins.
 */
export const docsRoutes = {
  openapi: {
    method: 'GET',
    path: '/api/openapi.json',
    schema: {
      summary: 'This API, described in OpenAPI 3',
      tags: ['docs'],
      response: {
        200: Type.Object({ openapi: Type.String() }, { additionalProperties: true }),
        ...errorResponses,
      },
    },
  },
  /** Swagger UI (HTML, admins) */
  page: {
    method: 'GET',
    path: '/api/docs',
    schema: {
      summary: 'The browsable API description (admins)',
      tags: ['docs'],
      produces: ['text/html'],
      response: { 200: rawResponse('text/html', 'Swagger UI'), ...errorResponses },
    },
  },
} as const;
