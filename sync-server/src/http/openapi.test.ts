import { Validator } from '@seriousme/openapi-schema-validator';
import { API_ROUTE_TABLE, type ApiRoute } from '@vigevano/protocol';
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { serverForSuite } from '../testing/suite';
import { call, demoLogins, login } from '../testing/test-server';
import { installOpenApi } from './openapi';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Spec {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const TABLE: ApiRoute[] = Object.values(API_ROUTE_TABLE).flatMap((area) => Object.values(area));
/** `/api/x/:id` as OpenAPI writes it: `/api/x/{id}`. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');
/** Swagger UI's page is served by its plugin, not described (its JSON is this description itself). */
const NOT_DESCRIBED = new Set(['GET /api/docs']);

describe('the OpenAPI description', () => {
  const t = serverForSuite('sqlite', { demoCity: true });
  let admin: string;
  let viewer: string;
  beforeAll(async () => {
    const logins = demoLogins(t.dataDir);
    const as = async (role: string) => {
      const l = logins.find((x) => x.role === role);
      if (!l) throw new Error(`no demo ${role}`);
      return login(t.url, l.email, l.password);
    };
    admin = await as('admin');
    viewer = await as('viewer');
  });

  it('is valid OpenAPI 3 and lists every route of the table with its answer schema', async () => {
    const res = await call(`${t.url}/api/openapi.json`, { cookie: viewer });
    expect(res.status).toBe(200);
    const spec = res.body as Spec;
    expect(spec.openapi).toMatch(/^3\./);
    const validation = await new Validator().validate(
      structuredClone(spec) as unknown as Record<string, unknown>,
    );
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);

    const missing: string[] = [];
    for (const route of TABLE) {
      const key = `${route.method} ${route.path}`;
      if (NOT_DESCRIBED.has(key)) continue;
      const operation = spec.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      const ok = operation?.responses['200'] ?? operation?.responses['204'];
      if (!ok) missing.push(`${key}: not described, or no 200/204`);
      // Probes read /health and /ready by status; every other route answers errors as ApiError.
      if (
        !route.path.startsWith('/health') &&
        !route.path.startsWith('/ready') &&
        !operation?.responses['4XX']
      )
        missing.push(`${key}: no error answer described`);
    }
    expect(missing).toEqual([]);
    // Nothing described that the table does not name (a route added beside the table).
    const described = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const named = new Set(TABLE.map((r) => `${r.method} ${openApiPath(r.path)}`));
    expect(described.filter((d) => !named.has(d) && !d.startsWith('HEAD '))).toEqual([]);
  });

  it('describes a JSON answer field by field (what the dashboard reads is in it)', async () => {
    const spec = (await call(`${t.url}/api/openapi.json`, { cookie: admin })).body as Spec;
    const schema = spec.paths['/api/dashboard/devices']?.get?.responses['200']?.content?.['application/json']
      ?.schema as { properties?: Record<string, { items?: { properties?: Record<string, unknown> } }> };
    expect(Object.keys(schema.properties ?? {})).toEqual(['devices', 'hubs', 'staleAfterMs']);
    expect(Object.keys(schema.properties?.devices?.items?.properties ?? {})).toContain('clockOffsetMs');
  });

  it('is for signed-in users only, and its browsable page for admins only', async () => {
    expect((await call(`${t.url}/api/openapi.json`)).status).toBe(401);
    expect((await call(`${t.url}/api/docs`)).status).toBe(401);
    expect((await call(`${t.url}/api/docs`, { cookie: viewer })).status).toBe(403);
    expect((await call(`${t.url}/api/docs/json`, { cookie: viewer })).status).toBe(403);
    const page = await fetch(`${t.url}/api/docs/`, { headers: { cookie: admin } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('swagger-initializer.js');
    // No inline code: the dashboard's CSP holds for the page unchanged.
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses to build an app with an /api route that declares no answer', async () => {
    const app = Fastify({ logger: false });
    await installOpenApi(app);
    await expect(
      app.register(async (scoped) => {
        scoped.get('/api/undeclared', async () => ({ ok: true }));
      }),
    ).rejects.toThrow(/GET \/api\/undeclared: no 200/);
    await app.close();
    const described = Fastify({ logger: false });
    await installOpenApi(described);
    described.get(
      '/api/declared',
      { schema: { tags: ['x'], response: { 200: { type: 'object' } } } },
      async () => ({}),
    );
    await expect(described.ready()).resolves.toBeDefined();
    await described.close();
  });
});
