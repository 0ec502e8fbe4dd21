import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCity, startDemoCity } from '../dashboard/test-support';

// What a form gets back when the server refuses its body: one issue per field, a JSON Pointer into the body, the
// JSON Schema keyword as `code` with its bound or choices, so the dashboard can word the error next to the field.

const person = { firstName: 'Lucia', lastName: 'Verdi', consent: true };

describe('validation details of a refused request', () => {
  let city: DemoCity;
  beforeAll(async () => {
    city = await startDemoCity('sqlite');
  });
  afterAll(() => city.t.stop());
  const register = (body: unknown) => city.send('POST', '/api/dashboard/people', 'admin', body);

  it('names a consent left unticked at /person/consent, with the constant it must equal', async () => {
    const res = await register({
      hubId: city.ownHub,
      card: { alias: 'Lucia', language: 'it' },
      person: { ...person, consent: false },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([
      { path: '/person/consent', code: 'const', allowed: [true], message: 'must be equal to constant' },
    ]);
  });

  it('reports a missing field at its own path, and a too long one with its limit', async () => {
    const { consent: _left, ...noConsent } = person;
    const missing = await register({
      hubId: city.ownHub,
      card: { alias: 'L', language: 'it' },
      person: noConsent,
    });
    expect(missing.body.error.details).toEqual([
      { path: '/person/consent', code: 'required', message: 'is required' },
    ]);
    const long = await register({ hubId: city.ownHub, card: { alias: 'x'.repeat(25), language: 'it' } });
    expect(long.body.error.details).toEqual([
      { path: '/card/alias', code: 'maxLength', limit: 24, message: expect.stringContaining('24') },
    ]);
  });

  it('keeps only what a union branch said about a field (no "must be null", no "must match a schema")', async () => {
    const res = await register({
      hubId: city.ownHub,
      card: { alias: 'Lucia', language: 'it' },
      person: { ...person, email: 'not an address' },
    });
    expect(res.body.error.details).toEqual([
      { path: '/person/email', code: 'format', format: 'email', message: expect.stringContaining('email') },
    ]);
  });

  it('says which part of the request a query or path fault is in', async () => {
    const res = await city.get('/api/dashboard/people/not-an-id', 'admin');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { in: 'params', path: '/visitorId', code: 'pattern', message: expect.stringContaining('ULID') },
    ]);
  });

  it('names the field of a refusal the route decides itself: a hub lead registering in another hub', async () => {
    const res = await city.send('POST', '/api/dashboard/people', 'hub_lead', {
      hubId: city.otherHub,
      card: { alias: 'Lucia', language: 'it' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      code: 'forbidden',
      message: 'puoi registrare persone solo nei tuoi hub',
      details: [{ path: '/hubId', code: 'other_hub', message: 'puoi registrare persone solo nei tuoi hub' }],
    });
  });
});
