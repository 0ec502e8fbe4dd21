import { resolve } from 'node:path';
import { isReleasePublicKey } from '@vigevano/protocol';

/** Everything the server reads from its environment; see sync-server/README.md for each variable. */
export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl: string;
  dataDir: string;
  /** seed the demo city on first start and serve /demo/cards */
  demoCity: boolean;
  production: boolean;
  /** address kiosks use to reach this server, written into demo kiosk identities */
  publicUrl: string;
  /** built dashboard (apps/dashboard/dist); served at / */
  dashboardDir: string;
  logLevel: string;
  /** behind a TLS-terminating proxy: trust X-Forwarded-* and mark cookies Secure */
  trustProxy: boolean;
  /**
   * The public half of the city's release signing key (Ed25519, base64url, RELEASE_PUBLIC_KEY): handed to kiosks
   * at enrolment, which then install only releases it signed. The private half never comes near the server.
   */
  releasePublicKey: string | undefined;
  /** the largest kiosk release file an admin may upload, in bytes (RELEASE_MAX_BYTES, default 400 MiB) */
  maxReleaseBytes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_DASHBOARD_DIR = resolve(import.meta.dirname, '../../apps/dashboard/dist');

/**
 * Reads and checks the configuration. Development defaults make `npm start` work with nothing set; in production
 * (NODE_ENV=production) the unsafe ones refuse to start instead: an implicit SQLite file in the working directory,
 * the demo city with its published passwords, and session cookies sent over plain HTTP.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 4400);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0–65535, got ${env.PORT}`);
  const host = env.HOST ?? '127.0.0.1';
  const databaseUrl = env.DATABASE_URL ?? `sqlite:${dataDir}/city.sqlite`;
  if (!/^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(databaseUrl))
    throw new ConfigError('DATABASE_URL must start with sqlite: or postgres://');
  const demoCity = env.DEMO_CITY === '1' || env.DEMO_CITY === 'true';
  const trustProxy = env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true';

  const releasePublicKey = env.RELEASE_PUBLIC_KEY?.trim() || undefined;
  if (releasePublicKey !== undefined && !isReleasePublicKey(releasePublicKey))
    throw new ConfigError(
      'RELEASE_PUBLIC_KEY must be an Ed25519 public key, 32 bytes in base64url (scripts/sign-release.ts --generate prints one)',
    );
  const maxReleaseBytes = Number(env.RELEASE_MAX_BYTES ?? 400 * 1024 * 1024);
  if (!Number.isSafeInteger(maxReleaseBytes) || maxReleaseBytes < 1)
    throw new ConfigError(
      `RELEASE_MAX_BYTES must be a positive whole number of bytes, got ${env.RELEASE_MAX_BYTES}`,
    );

  if (production) {
    if (!env.DATABASE_URL) throw new ConfigError('in production DATABASE_URL must be set explicitly');
    if (demoCity)
      throw new ConfigError('DEMO_CITY is not allowed in production: its passwords are published');
    if (!trustProxy)
      throw new ConfigError(
        'in production run behind HTTPS and set TRUST_PROXY=1, so session cookies are Secure',
      );
    if (!env.PUBLIC_URL?.startsWith('https://'))
      throw new ConfigError('in production PUBLIC_URL must be https://…');
  }
  return {
    host,
    port,
    databaseUrl,
    dataDir,
    demoCity,
    production,
    publicUrl: env.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
    dashboardDir: resolve(env.DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'info'),
    trustProxy,
    releasePublicKey,
    maxReleaseBytes,
  };
}
