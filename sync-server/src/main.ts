// Entry point: `tsx sync-server/src/main.ts`, configured by environment variables (see README.md).
import { ConfigError, loadConfig, startServer } from './index';
import { privateDir } from './store/private-files';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration refused: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  // Demo logins, kiosk identities, the card-signing key and (by default) the city database live here: owner only.
  privateDir(config.dataDir);
  const server = await startServer(config);
  server.app.log.info({ url: server.url, store: server.store.kind }, 'sync server ready');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    server.app.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
