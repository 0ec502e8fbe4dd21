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

  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://db/city',
    TRUST_PROXY: '1',
    PUBLIC_URL: 'https://hub.comune.vigevano.pv.it',
  };

  it('starts in production when every safe setting is given', () => {
    expect(loadConfig(production).production).toBe(true);
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL'],
    [{ DEMO_CITY: '1' }, 'DEMO_CITY'],
    [{ TRUST_PROXY: undefined }, 'TRUST_PROXY'],
    [{ PUBLIC_URL: 'http://hub' }, 'PUBLIC_URL'],
  ])('refuses the unsafe default %j in production', (change, name) => {
    expect(() => loadConfig({ ...production, ...change })).toThrow(name);
  });

  it('reads the release public key and the upload cap', () => {
    const key = 'ZsD6t6w7Sc_OA0FB99jETfxNjQzHK7QSbZyc0bVVF5I';
    expect(loadConfig({ RELEASE_PUBLIC_KEY: key, RELEASE_MAX_BYTES: '1024' })).toMatchObject({
      releasePublicKey: key,
      maxReleaseBytes: 1024,
    });
    expect(loadConfig({}).releasePublicKey).toBeUndefined();
  });
});
