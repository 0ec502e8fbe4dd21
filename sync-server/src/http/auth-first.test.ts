import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { type ContractRoute, contractRoutes } from '../testing/contract-routes';
import { serverForSuite } from '../testing/suite';

// Item 4 of issue 13: authentication runs before the body is read. A body that is not JSON at all tells the two
// orders apart: read first, it is refused as malformed (400) or too large (413); authenticated first, the stranger
// gets 401 and the body is never parsed.

/** Routes anyone may call; every other route of the contract needs a session or a device token. */
const PUBLIC = new Set([
  'health.health',
  'health.ready',
  'auth.login',
  'auth.logout',
  'device.enrol',
  // a one-time link is its own credential, checked after the body like the login's password
  'accountLinks.describe',
  'accountLinks.accept',
]);

/** Every route of the contract that takes a body and needs a principal (the kiosk release upload among them). */
const GUARDED_WITH_BODY: ContractRoute[] = contractRoutes().filter(
  (r) => !PUBLIC.has(r.key) && ['POST', 'PUT', 'PATCH'].includes(r.method),
);

const SOME_ID = '01JAAAAAAAAAAAAAAAAAAAAAAA';

/** Sends a raw HTTP/1.1 request and resolves with the first status line and whether the server closed the socket. */
function rawRequest(port: number, text: string): Promise<{ head: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ head: received.split('\r\n')[0] ?? '', closed: false });
    }, 10_000);
    socket.on('data', (d) => {
      received += d.toString();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ head: received.split('\r\n')[0] ?? '', closed: true });
    });
  });
}

describe.each(testStoreKinds())('authentication before the body on %s', (kind) => {
  const t = serverForSuite(kind);

  it('refuses a stranger with 401 on every guarded route without parsing the body', async () => {
    expect(GUARDED_WITH_BODY.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const route of GUARDED_WITH_BODY) {
      const path = route.path.replace(':collection', 'checkins').replace(/:[a-zA-Z]+/g, SOME_ID);
      for (const contentType of ['application/json', 'application/octet-stream']) {
        const res = await fetch(t.url + path, {
          method: route.method,
          headers: { 'content-type': contentType },
          // larger than any JSON route's limit (2 MB) and not JSON
          body: `{${'x'.repeat(3 * 1024 * 1024)}`,
        });
        if (res.status !== 401) wrong.push(`${route.method} ${path} (${contentType}): ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('closes the connection after refusing a request whose body has not all arrived', async () => {
    const port = Number(new URL(t.url).port);
    // Announces 100 MB and sends a few bytes: the server answers at once and does not wait for the rest.
    const { head, closed } = await rawRequest(
      port,
      'PUT /api/updates/stable/kiosk.AppImage HTTP/1.1\r\nHost: x\r\n' +
        'Content-Type: application/octet-stream\r\nContent-Length: 104857600\r\n\r\nabc',
    );
    expect(head).toBe('HTTP/1.1 401 Unauthorized');
    expect(closed).toBe(true);
  });

  it('answers an HTTP upgrade (WebSocket) on any path with 404 and closes the socket', async () => {
    const port = Number(new URL(t.url).port);
    for (const path of ['/nowhere', '/api/sync/checkins/stream']) {
      const { head, closed } = await rawRequest(
        port,
        `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      expect(head).toBe('HTTP/1.1 404 Not Found');
      expect(closed).toBe(true);
    }
  });
});
