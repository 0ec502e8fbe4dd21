import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generateKeyPair } from '@vigevano/protocol';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, describe, expect, it } from 'vitest';
import { EnrolmentFailure, enrolKiosk } from './enrolment/enrol';
import { IdentityError, readIdentity, readIdentityWith } from './identity';
import { allowInsecureHttpFrom, checkServerUrl, isLoopbackHost, ServerUrlError } from './server-url';

const dir = tempDir('server-url-');
afterAll(() => dir.remove());

describe('the city server address is https unless on this machine', () => {
  it.each([
    'https://hub.comune.vigevano.pv.it',
    'https://10.0.0.5:4400/',
    'http://127.0.0.1:4400',
    'http://127.1.2.3:4400',
    'http://localhost:4400',
    'http://[::1]:4400/',
  ])('accepts %s', (url) => {
    expect(checkServerUrl(url, { allowInsecureHttp: false }).insecure).toBe(false);
  });

  it.each([
    'http://hub.comune.vigevano.pv.it',
    'http://10.0.0.5:4400',
    'http://127.0.0.1.evil.example/',
    'http://localhost.evil.example/',
    'http://[::2]/',
    'http://0.0.0.0:4400',
    'ftp://hub.example/',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(() => checkServerUrl(url, { allowInsecureHttp: false })).toThrow(ServerUrlError);
  });

  it('lets http through in a lab only with the explicit option, flagged insecure', () => {
    expect(checkServerUrl('http://10.0.0.5:4400', { allowInsecureHttp: true }).insecure).toBe(true);
    expect(() => checkServerUrl('ftp://x/', { allowInsecureHttp: true })).toThrow(ServerUrlError);
    expect(allowInsecureHttpFrom(true, {})).toBe(true);
    expect(allowInsecureHttpFrom(undefined, { VIGEVANO_ALLOW_INSECURE_HTTP: '1' })).toBe(true);
    expect(allowInsecureHttpFrom(undefined, { VIGEVANO_ALLOW_INSECURE_HTTP: 'yes' })).toBe(false);
    expect(allowInsecureHttpFrom(undefined, {})).toBe(false);
    expect(isLoopbackHost('[::1]')).toBe(true);
  });

  it('refuses an identity.json whose server is plain http on another machine, unless allowed (and warned)', () => {
    const key = generateKeyPair();
    writeFileSync(
      join(dir.path, 'identity.json'),
      JSON.stringify({
        deviceId: '01JDDV0000000000000000000A',
        hubId: '01JDHB0000000000000000000A',
        name: 'Ingresso',
        serverUrl: 'http://hub.comune.vigevano.pv.it',
        token: 'x'.repeat(40),
        publicKey: key.publicKey,
        secretKey: key.secretKey,
        keyId: key.keyId,
        serverPublicKey: key.publicKey,
        serverKeyId: key.keyId,
      }),
    );
    expect(() => readIdentity(dir.path)).toThrow(IdentityError);
    expect(() => readIdentity(dir.path)).toThrow(/https/);
    const warnings: string[] = [];
    const identity = readIdentityWith(dir.path, { allowInsecureHttp: true, warn: (m) => warnings.push(m) });
    expect(identity.serverUrl).toBe('http://hub.comune.vigevano.pv.it');
    expect(warnings).toEqual([expect.stringContaining('http in chiaro')]);
  });

  it('refuses to enrol over plain http to another machine before sending anything; loopback http goes through', async () => {
    // A real server that records what reaches it; reached as 127.0.0.2 it would be loopback, so the refused case
    // uses a name that is not (and would not resolve): the refusal must come before any connection.
    const received: string[] = [];
    const server = createServer((req, res) => {
      received.push(req.url ?? '');
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'enrolment_code_invalid', message: 'no' } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const input = { dataDir: dir.path, code: 'ABCD-EFGH', name: 'Ingresso' };
      await expect(enrolKiosk({ ...input, serverUrl: 'http://hub.comune.vigevano.pv.it' })).rejects.toThrow(
        EnrolmentFailure,
      );
      await expect(enrolKiosk({ ...input, serverUrl: 'http://hub.comune.vigevano.pv.it' })).rejects.toThrow(
        /https/,
      );
      // Loopback http is the development and demo case, and reaches the server.
      await expect(enrolKiosk({ ...input, serverUrl: `http://127.0.0.1:${port}` })).rejects.toThrow(/codice/);
      expect(received).toEqual(['/api/devices/enrol']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
