import { join } from 'node:path';
import { type CityServerProcess, startCityServer } from './city-server-process.ts';
import { type RunningNginx, startHttpsProxy } from './nginx.ts';
import { freePort } from './ports.ts';
import { createTestDatabase, postgresAvailable } from './postgres.ts';
import { repoRoot } from './processes.ts';

/** A city server started as a city runs it in production, behind HTTPS, on an empty store. */
export interface ProductionCity {
  /** the address people and kiosks use: https://localhost:PORT through nginx */
  url: string;
  /** the PEM file of the proxy's self-signed certificate, for NODE_EXTRA_CA_CERTS of Node clients (kiosks) */
  certificate: string;
  server: CityServerProcess;
  proxy: RunningNginx;
  dispose(): Promise<void>;
}

/**
 * The sync server with NODE_ENV=production on an EMPTY store (a SQLite file, or a fresh PostgreSQL database),
 * the built dashboard (apps/dashboard/dist), TRUST_PROXY and an https PUBLIC_URL as production demands, behind a real
 * nginx with TLS (startHttpsProxy). Returns undefined, printing why, when nginx/openssl or PostgreSQL is missing
 * (failing instead in CI, where VIGEVANO_REQUIRE_* is set).
 */
export async function startProductionCity(
  store: 'sqlite' | 'postgres',
  env: Record<string, string> = {},
): Promise<ProductionCity | undefined> {
  if (store === 'postgres' && !postgresAvailable()) return undefined;
  const port = await freePort();
  const proxy = await startHttpsProxy(`http://127.0.0.1:${port}`);
  if (!proxy) return undefined;
  const database = store === 'postgres' ? await createTestDatabase('golive') : undefined;
  try {
    const server = await startCityServer({
      port,
      demoCity: false,
      ...(database ? { databaseUrl: database.url } : {}),
      env: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        TRUST_PROXY: '127.0.0.1',
        PUBLIC_URL: proxy.url,
        METRICS: 'off',
        DASHBOARD_DIR: join(repoRoot, 'apps/dashboard/dist'),
        ...env,
      },
    });
    return {
      url: proxy.url,
      certificate: proxy.certificate,
      server,
      proxy,
      dispose: async () => {
        await server.dispose();
        await proxy.stop();
        await database?.drop();
      },
    };
  } catch (error) {
    await proxy.stop();
    await database?.drop();
    throw error;
  }
}
