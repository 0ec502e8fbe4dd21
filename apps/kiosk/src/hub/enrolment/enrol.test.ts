import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type EnrolResponse, generateKeyPair } from '@vigevano/protocol';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIdentity } from '../identity';
import { enrolKiosk } from './enrol';

// A real HTTP server standing in for the city's enrolment endpoint: it answers what the sync server answers
// (EnrolResponse), with or without a release key, so the kiosk's side is tested on its own.
describe('a kiosk pins the release public key at enrolment', () => {
  const server = generateKeyPair();
  const releaseKey = generateKeyPair().publicKey;
  let answerKey: string | null = releaseKey;
  let http: Server;
  let url: string;
  beforeAll(async () => {
    http = createServer((_req, res) => {
      const body: EnrolResponse = {
        deviceId: '01JDDV0000000000000000000A',
        hubId: '01JDHB0000000000000000000A',
        token: 't'.repeat(43),
        serverPublicKey: server.publicKey,
        serverKeyId: server.keyId,
        releasePublicKey: answerKey,
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => http.close(r)));

  it("stores the server's release key in identity.json, where the hub service reads it back", async () => {
    const dir = tempDir('enrol-');
    try {
      answerKey = releaseKey;
      const identity = await enrolKiosk({
        dataDir: dir.path,
        serverUrl: url,
        code: 'ABCD-EFGH',
        name: 'Ingresso',
      });
      expect(identity.releasePublicKey).toBe(releaseKey);
      expect(JSON.parse(readFileSync(join(dir.path, 'identity.json'), 'utf8')).releasePublicKey).toBe(
        releaseKey,
      );
      expect(readIdentity(dir.path).releasePublicKey).toBe(releaseKey);
    } finally {
      dir.remove();
    }
  });

  it('stores no key when the city has none (every update is then refused)', async () => {
    const dir = tempDir('enrol-');
    try {
      answerKey = null;
      await enrolKiosk({ dataDir: dir.path, serverUrl: url, code: 'ABCD-EFGH', name: 'Ingresso' });
      expect(readIdentity(dir.path).releasePublicKey).toBeUndefined();
    } finally {
      dir.remove();
    }
  });
});
