import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { announceFirstAdminLink } from './auth/setup-link';
import type { ServerConfig } from './config';
import { seedDemoCityOnce } from './demo/seed';
import { buildApp } from './http/app';
import type { CardKeyProvider } from './keys/card-key-provider';
import { publishCardKeys } from './keys/publish-card-keys';
import { loadCardKeys } from './keys/server-key';
import { migrateToLatest, openStore, type Store } from './store/database';

export { ConfigError, loadConfig, type ServerConfig } from './config';

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  /** the card-signing key (from the key file) and the public keys still valid */
  cardKeys: CardKeyProvider;
  close(): Promise<void>;
}

/** Opens and migrates the store, seeds the demo city if asked, and listens. `close()` drains and closes all. */
export async function startServer(
  config: ServerConfig,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<RunningServer> {
  const store = openStore(config.databaseUrl);
  try {
    await migrateToLatest(store);
    const cardKeys = await loadCardKeys(store.db, config.cardKeyFile);
    const serverKey = cardKeys.signingKey();
    const app = await buildApp({ config, store, cardKeys, logger: options.logger });
    // Kiosks verify server cards with these (card_keys collection): a rotation reaches them at this start.
    await publishCardKeys(store.db, cardKeys);
    await announceFirstAdminLink(store.db, config, (line) => app.log.warn(line));
    // Seeded before listening, so /ready means the demo kiosks' identities are already on disk.
    if (config.demoCity)
      await seedDemoCityOnce({
        db: store.db,
        serverKey,
        dataDir: config.dataDir,
        serverUrl: config.publicUrl,
        releasePublicKey: config.releasePublicKey,
        log: app.log,
      });
    const address = await app.listen({ host: config.host, port: config.port });
    const url = address.replace('[::1]', '127.0.0.1');
    return {
      url,
      app,
      store,
      cardKeys,
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
