import { describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import { call } from '../testing/test-server';

describe.each(testStoreKinds())('HTTP basics on %s', (kind) => {
  const t = serverForSuite(kind);

  it('answers /health and /ready naming the store', async () => {
    expect(await call(`${t.url}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await call(`${t.url}/ready`)).toEqual({
      status: 200,
      body: { status: 'ready', store: kind, reasons: [] },
    });
  });

  it('sends security headers with every response', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown API routes with a JSON error naming the route', async () => {
    const res = await call(`${t.url}/api/nothing?x=1`);
    expect(res).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'no route GET /api/nothing' } },
    });
  });

  it('says how to build the dashboard when it is missing', async () => {
    const res = await call(`${t.url}/`);
    expect(res.status).toBe(503);
    expect(res.body).toContain('npm run build -w apps/dashboard');
  });

  it('refuses a body that is not JSON with a clear 400', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });
});
