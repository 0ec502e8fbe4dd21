import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('server configuration', () => {
  it('runs with nothing set in development: SQLite in ./data, port 4400, loopback only', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4400);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toMatch(/^sqlite:.*\/data\/city\.sqlite$/);
    expect(config.production).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ RELEASE_PUBLIC_KEY: 'not-a-key' }, 'RELEASE_PUBLIC_KEY'],
    [{ RELEASE_PUBLIC_KEY: 'AAAA' }, 'RELEASE_PUBLIC_KEY'],
    [{ RELEASE_MAX_BYTES: '0' }, 'RELEASE_MAX_BYTES'],
    [{ RELEASE_MAX_BYTES: '1e3x' }, 'RELEASE_MAX_BYTES'],
  ])('refuses %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('caps live streams by default and takes other limits, refusing nonsense naming the variable', () => {
    expect(loadConfig({}).streams).toEqual({ heartbeatSeconds: 15, perDevice: 16, total: 1000 });
    expect(
      loadConfig({ STREAM_HEARTBEAT_SECONDS: '5', STREAMS_PER_DEVICE: '8', STREAMS_TOTAL: '20000' }).streams,
    ).toEqual({ heartbeatSeconds: 5, perDevice: 8, total: 20_000 });
    // A heartbeat of a minute or more would let nginx's default 60 s proxy_read_timeout cut a quiet stream.
    expect(() => loadConfig({ STREAM_HEARTBEAT_SECONDS: '60' })).toThrow('STREAM_HEARTBEAT_SECONDS');
    expect(() => loadConfig({ STREAMS_PER_DEVICE: '0' })).toThrow('STREAMS_PER_DEVICE');
    expect(() => loadConfig({ STREAMS_TOTAL: '1.5' })).toThrow('STREAMS_TOTAL');
  });

  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://db/city',
    TRUST_PROXY: '10.0.0.5,fd00::/8',
    PUBLIC_URL: 'https://hub.comune.vigevano.pv.it',
    METRICS_TOKEN: 'scrape-token-0123456789',
  };

  it('starts in production when every safe setting is given', () => {
    expect(loadConfig(production).production).toBe(true);
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL'],
    [{ DEMO_CITY: '1' }, 'DEMO_CITY'],
    [{ TRUST_PROXY: undefined }, 'TRUST_PROXY'],
    [{ PUBLIC_URL: 'http://hub' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: '1' }, 'name the proxy'],
    [{ TRUST_PROXY: 'true' }, 'name the proxy'],
    [{ METRICS_TOKEN: undefined }, 'METRICS_TOKEN'],
  ])('refuses the unsafe default %j in production', (change, name) => {
    expect(() => loadConfig({ ...production, ...change })).toThrow(name);
  });

  it('turns /metrics off on request, and then needs no token even in production', () => {
    expect(loadConfig({ ...production, METRICS_TOKEN: undefined, METRICS: 'off' }).metrics).toEqual({
      enabled: false,
      token: undefined,
    });
    expect(loadConfig({}).metrics).toEqual({ enabled: true, token: undefined });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN');
    expect(() => loadConfig({ METRICS: 'maybe' })).toThrow('METRICS');
  });

  it('reads alert and readiness thresholds, with defaults, and refuses a webhook that is not http(s)', () => {
    const config = loadConfig({ ALERT_SILENT_MINUTES: '30', ALERT_WEBHOOK_URL: 'https://hooks.example/a' });
    expect(config.alerts).toMatchObject({ silentAfterMs: 1_800_000, webhookUrl: 'https://hooks.example/a' });
    expect(loadConfig({}).alerts).toMatchObject({
      clockSkewMs: 300_000,
      pushBacklog: 500,
      webhookUrl: undefined,
    });
    expect(loadConfig({ READY_MIN_FREE_MB: '0' }).readiness.minFreeBytes).toBe(0);
    expect(() => loadConfig({ ALERT_WEBHOOK_URL: 'ftp://hooks.example' })).toThrow('ALERT_WEBHOOK_URL');
    expect(() => loadConfig({ ALERT_PUSH_BACKLOG: '-1' })).toThrow('ALERT_PUSH_BACKLOG');
    expect(() => loadConfig({ READY_MAX_REPORT_LAG_SECONDS: 'soon' })).toThrow(
      'READY_MAX_REPORT_LAG_SECONDS',
    );
  });

  it('takes TRUST_PROXY as the list of the proxy addresses, and 1 as loopback in development', () => {
    expect(loadConfig(production).trustProxy).toEqual(['10.0.0.5', 'fd00::/8']);
    expect(loadConfig({ TRUST_PROXY: ' 192.168.1.0/24 , loopback ' }).trustProxy).toEqual([
      '192.168.1.0/24',
      'loopback',
    ]);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it.each(['10.0.0.300', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/8', '*'])(
    'refuses TRUST_PROXY=%s naming the entry',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(`"${value}"`);
    },
  );

  it('reads the release public key and the upload cap', () => {
    const key = 'ZsD6t6w7Sc_OA0FB99jETfxNjQzHK7QSbZyc0bVVF5I';
    expect(loadConfig({ RELEASE_PUBLIC_KEY: key, RELEASE_MAX_BYTES: '1024' })).toMatchObject({
      releasePublicKey: key,
      maxReleaseBytes: 1024,
    });
    expect(loadConfig({}).releasePublicKey).toBeUndefined();
  });
});
