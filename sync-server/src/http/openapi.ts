import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { docsRoutes } from '@vigevano/protocol';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { requireUser } from '../auth/guard';
import { SESSION_COOKIE } from '../auth/sessions';
import type { Store } from '../store/database';

/** Paths whose routes must come from the route table, each with a declared answer. */
const DESCRIBED_PREFIXES = ['/api/', '/sync/'];

/**
 * Refuses, when the app is built, a route under /api/ or /sync/ that does not declare its answer (a 200 or 204
 * schema) or has no tags (it would be missing from the OpenAPI description). Routes the description hides on
 * purpose (`hide`: Swagger UI's own files) and HEAD twins of GET routes are let through.
 * Throws Error naming the route.
 */
function checkRouteDescribed(route: RouteOptions): void {
  if (!DESCRIBED_PREFIXES.some((p) => route.url.startsWith(p))) return;
  const methods = ([] as string[]).concat(route.method);
  if (methods.every((m) => m === 'HEAD')) return;
  const schema = route.schema as { hide?: boolean; tags?: unknown[]; response?: object } | undefined;
  if (schema?.hide) return;
  const statuses = Object.keys(schema?.response ?? {});
  if (!schema?.tags?.length || !statuses.some((s) => s === '200' || s === '204'))
    throw new Error(
      `${methods.join(',')} ${route.url}: no 200 (or 204) response schema or no tags; declare the route in ` +
        'packages/protocol/src/api (API_ROUTE_TABLE) and register it with its schema',
    );
}

/**
 * Collects every route's schema (packages/protocol, API_ROUTE_TABLE) into an OpenAPI 3.1 description: registered
 * before the routes, it sees each one as it is added. Routes without tags (static files, the demo sheet) are left
 * out, and every /api/ and /sync/ route must have them (checkRouteDescribed). OpenAPI 3.1 because its schemas are JSON Schema, as TypeBox writes them (`anyOf` with `null`).
 */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', checkRouteDescribed);
  await app.register(fastifySwagger, {
    hideUntagged: true,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vigevano hubs: sync server',
        version: '0.1.0',
        description:
          'The dashboard API (session cookie, or a read-only API token for integrations), the kiosks’ ' +
          'enrolment, snapshot and sync (device token). Errors: `{ error: { code, message, details? } }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'a kiosk’s device token, or an API token (`vgapi_…`, GET only)',
          },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
}

/**
 * /api/openapi.json for every signed-in user and API token (integrations generate clients from it), and Swagger
 * UI at /api/docs for admins. Swagger UI loads only its own files from this server (no inline script), so the
 * dashboard's CSP (security-headers.ts) holds for it unchanged; its static files are the library's own, public.
 */
export const openApiPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get(
    docsRoutes.openapi.path,
    { schema: docsRoutes.openapi.schema, preHandler: requireUser(store) },
    async () => app.swagger() as { openapi: string },
  );
  await app.register(fastifySwaggerUi, {
    routePrefix: docsRoutes.page.path,
    uiHooks: { onRequest: requireUser(store) },
    uiConfig: { deepLinking: false },
  });
};
