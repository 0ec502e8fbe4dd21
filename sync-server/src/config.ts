import { resolve } from 'node:path';
import { isReleasePublicKey, SYNC_LIMITS } from '@vigevano/protocol';
import {
  type AlertConfig,
  type MetricsConfig,
  parseAlertConfig,
  parseMetricsConfig,
  parseReadinessConfig,
  type ReadinessConfig,
} from './config-observability';
import { parseTrustProxy } from './config-trust-proxy';

/** Everything the server reads from its environment; see sync-server/README.md for each variable. */
export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl: string;
  dataDir: string;
  /** the card-signing key file (0600), default DATA_DIR/keys/card-signing-key.json (keys/key-file.ts) */
  cardKeyFile: string;
  /** seed the demo city on first start and serve /demo/cards */
  demoCity: boolean;
  production: boolean;
  /** address kiosks use to reach this server, written into demo kiosk identities */
  publicUrl: string;
  /** built dashboard (apps/dashboard/dist); served at / */
  dashboardDir: string;
  logLevel: string;
  /**
   * behind a TLS-terminating proxy: the proxy's addresses (IPs, CIDRs), whose X-Forwarded-* alone are believed;
   * cookies are then marked Secure. false: no proxy (config-trust-proxy.ts)
   */
  trustProxy: readonly string[] | false;
  /** live event streams (kiosks' sync streams, the dashboard's live views) */
  streams: StreamConfig;
  /**
   * The public half of the city's release signing key (Ed25519, base64url, RELEASE_PUBLIC_KEY): handed to kiosks
   * at enrolment, which then install only releases it signed. The private half never comes near the server.
   */
  releasePublicKey: string | undefined;
  /** the largest kiosk release file an admin may upload, in bytes (RELEASE_MAX_BYTES, default 400 MiB) */
  maxReleaseBytes: number;
  /** /metrics: on or off, and the scraper's token (config-observability.ts) */
  metrics: MetricsConfig;
  /** alert thresholds and the optional webhook */
  alerts: AlertConfig;
  /** when /ready answers 503 */
  readiness: ReadinessConfig;
}

/** Limits and timing of the Server-Sent Events streams; see sync-server/README.md, "Live streams and proxies". */
export interface StreamConfig {
  /** seconds between heartbeat comments; well under nginx's default 60 s proxy_read_timeout */
  heartbeatSeconds: number;
  /** open sync streams one device may hold (a kiosk holds one per collection); more are answered 429 */
  perDevice: number;
  /** open sync streams of all devices together; more are answered 503 (each is a socket: mind `ulimit -n`) */
  total: number;
}

/** A kiosk holds one stream per collection (7): room for its reconnections the server has not yet seen close. */
export const DEFAULT_STREAMS_PER_DEVICE = 16;
/** About 140 kiosks with every stream open; below the common 1024 open-file limit with room for the rest. */
const DEFAULT_STREAMS_TOTAL = 1000;
/** A quarter of nginx's default proxy_read_timeout (60 s): a lost heartbeat or two still keeps the stream. */
export const DEFAULT_STREAM_HEARTBEAT_SECONDS: number = SYNC_LIMITS.streamPingSeconds;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A whole number in [min, max] from the environment, or the default when unset; names the variable if not. */
export function integerSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${text}`);
  return value;
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
  let trustProxy: readonly string[] | false;
  let observability: Pick<ServerConfig, 'metrics' | 'alerts' | 'readiness'>;
  try {
    trustProxy = parseTrustProxy(env.TRUST_PROXY, production);
    observability = {
      metrics: parseMetricsConfig(env, production),
      alerts: parseAlertConfig(env),
      readiness: parseReadinessConfig(env),
    };
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }

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
        "in production run behind HTTPS and set TRUST_PROXY to the proxy's addresses, so session cookies are Secure",
      );
    if (!env.PUBLIC_URL?.startsWith('https://'))
      throw new ConfigError('in production PUBLIC_URL must be https://…');
  }
  return {
    host,
    port,
    databaseUrl,
    dataDir,
    cardKeyFile: resolve(env.CARD_KEY_FILE ?? `${dataDir}/keys/card-signing-key.json`),
    demoCity,
    production,
    publicUrl: env.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
    dashboardDir: resolve(env.DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'info'),
    trustProxy,
    streams: {
      heartbeatSeconds: integerSetting(
        env,
        'STREAM_HEARTBEAT_SECONDS',
        DEFAULT_STREAM_HEARTBEAT_SECONDS,
        1,
        55,
      ),
      perDevice: integerSetting(env, 'STREAMS_PER_DEVICE', DEFAULT_STREAMS_PER_DEVICE, 1, 1000),
      total: integerSetting(env, 'STREAMS_TOTAL', DEFAULT_STREAMS_TOTAL, 1, 1_000_000),
    },
    releasePublicKey,
    maxReleaseBytes,
    ...observability,
  };
}
