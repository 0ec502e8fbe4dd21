import { request } from 'node:http';
import { KIOSK_API_PATH } from '@vigevano/protocol';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startEnrolmentService } from './enrolment/enrolment-service';
import { isOwnHost } from './host-guard';

describe('which Host headers are this machine', () => {
  it.each([
    ['127.0.0.1:4410', 4410],
    ['localhost:4410', 4410],
    ['LOCALHOST:4410', 4410],
    ['[::1]:4410', 4410],
    ['127.0.0.1', 80],
  ])('accepts %s on port %i', (host, port) => {
    expect(isOwnHost(host, port)).toBe(true);
  });

  it.each([
    ['evil.example:4410', 4410],
    ['evil.example', 4410],
    ['127.0.0.1:4411', 4410],
    ['127.0.0.1', 4410],
    ['127.0.0.1.evil.example:4410', 4410],
    ['localhost.evil.example:4410', 4410],
    ['10.0.0.5:4410', 4410],
    ['', 4410],
    [undefined, 4410],
  ])('refuses %s on port %i', (host, port) => {
    expect(isOwnHost(host, port)).toBe(false);
  });
});

// The real hub service HTTP server (the enrolment one: same buildKioskHttp and attachKioskApi as the hub service).
describe('the hub service refuses requests addressed to another host (DNS rebinding)', () => {
  const dir = tempDir('host-guard-');
  let service: { url: string; close(): Promise<void> };
  let port: number;
  beforeAll(async () => {
    service = await startEnrolmentService({
      dataDir: dir.path,
      uiDir: dir.path,
      port: 0,
      logger: false,
      onEnrolled: () => undefined,
    });
    port = Number(new URL(service.url).port);
  });
  afterAll(async () => {
    await service.close();
    dir.remove();
  });

  /** GET over a real socket to 127.0.0.1 with the given Host header, as a rebound page's browser would send. */
  const get = (path: string, host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => {
          body += d.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  const upgrade = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}${KIOSK_API_PATH}`, { headers: { host } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', reject);
    });

  it('answers its own loopback names', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
      expect((await get('/health', host)).status).toBe(200);
    expect(await upgrade(`127.0.0.1:${port}`)).toBe(101);
  });

  it('refuses a forged Host on every route and on the WebSocket upgrade', async () => {
    for (const path of ['/health', '/api/state', '/', '/index.html']) {
      const res = await get(path, `rebind.evil.example:${port}`);
      expect(res.status).toBe(403);
      expect(res.body).toContain('non è questo totem');
    }
    expect((await get('/health', `127.0.0.1:${port + 1}`)).status).toBe(403);
    expect(await upgrade(`rebind.evil.example:${port}`)).toBe(403);
  });
});
