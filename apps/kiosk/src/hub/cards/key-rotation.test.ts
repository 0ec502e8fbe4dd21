import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodeCardToken, type SigningKeyPair } from '@vigevano/protocol';
import { type CityServerProcess, startCityServer } from '@vigevano/testkit/city-server-process';
import { repoRoot, tsNodeCommand } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDatabase } from 'rxdb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckinService } from '../checkin/checkin-service';
import { KioskClock } from '../clock';
import { type KioskDatabase, openKioskDatabase } from '../database/open';
import { createMessages } from '../i18n/messages';
import { type KioskIdentity, readIdentity } from '../identity';
import { type KioskReplication, startReplication } from '../replication/start-replication';

const DAY_MS = 86_400_000;
const GRACE_DAYS = 30;

interface KeyFile {
  current: { keyId: string; publicKey: string; secretKey: string };
  retired: Array<{ keyId: string; publicKey: string; validUntil: number }>;
}

/** The city's key file as the server reads it (DATA_DIR/keys, sync-server config). */
const readKeyFile = (dataDir: string): KeyFile =>
  JSON.parse(readFileSync(join(dataDir, 'keys', 'card-signing-key.json'), 'utf8')) as KeyFile;

const signing = (file: KeyFile): SigningKeyPair => ({
  keyId: file.current.keyId,
  publicKey: file.current.publicKey,
  secretKey: file.current.secretKey,
});

/** A card the server signs now with `key`, never seen by the kiosk (no `cards` document: only the signature counts). */
const serverCard = (key: SigningKeyPair, alias: string) =>
  encodeCardToken({ cardId: ulid(), alias, language: 'it', issuedAt: Date.now() }, key);

// Issue 13 item 6: the operator rotates the city's card-signing key and restarts the server. A kiosk enrolled
// before (it knows only the old key from identity.json) must learn the new key by replication, keep accepting
// old-key cards during the grace period, and refuse them after it. A real server process on SQLite, a real kiosk
// database replicating with it, the real rotation command.
describe('a card-signing key rotation reaches an enrolled kiosk', () => {
  let server: CityServerProcess;
  let identity: KioskIdentity;
  let db: KioskDatabase;
  let replication: KioskReplication;
  let oldKey: SigningKeyPair;
  let newKey: SigningKeyPair;
  let validUntil: number;
  const dir = tempDir('vigevano-key-rotation-kiosk-');

  beforeAll(async () => {
    server = await startCityServer();
    identity = readIdentity(server.kioskDirs()[0] as string);
    oldKey = signing(readKeyFile(server.dataDir));
    expect(identity.serverKeyId).toBe(oldKey.keyId);

    db = await openKioskDatabase({ directory: dir.path });
    replication = startReplication({
      // the same cast as the hub service: RxDatabase is not generic over its collections here
      database: db as unknown as RxDatabase,
      identity,
      appVersion: '0.1.0-key-rotation',
      backoff: { minMs: 50, maxMs: 500 },
      live: { fallbackPullMs: 1_000 },
    });
    await replication.awaitInSync();

    // `npm run rotate-card-key -- --grace-days 30`, with the server's environment, then a restart.
    const [command, args] = tsNodeCommand('sync-server/src/keys/rotate-main.ts', [
      '--grace-days',
      String(GRACE_DAYS),
    ]);
    await promisify(execFile)(command, args, {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl },
    });
    const rotated = readKeyFile(server.dataDir);
    newKey = signing(rotated);
    expect(newKey.keyId).not.toBe(oldKey.keyId);
    validUntil = rotated.retired.find((k) => k.keyId === oldKey.keyId)?.validUntil as number;
    await server.restart();

    // The kiosk syncs: it holds the new key, and the old one with the end of its grace.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const keys = await db.card_keys.find().exec();
      const byId = new Map(keys.map((k) => [k.id, k]));
      if (byId.has(newKey.keyId) && byId.get(oldKey.keyId)?.validUntil === validUntil) break;
      if (Date.now() > deadline)
        throw new Error(`the kiosk never synced the rotated keys: ${server.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 180_000);

  afterAll(async () => {
    await replication?.stop();
    await db?.close();
    await server?.dispose();
    dir.remove();
  });

  /** The kiosk's check-in service as it answers at `now` (ms). */
  async function kioskAt(now: number): Promise<CheckinService> {
    return new CheckinService({
      db,
      identity,
      clock: await KioskClock.open(db, identity.deviceId),
      messages: await createMessages(),
      now: () => now,
    });
  }

  it('accepts a card signed by the new key', async () => {
    const kiosk = await kioskAt(Date.now());
    expect((await kiosk.scan(serverCard(newKey, 'Nuova'), 'camera')).code).toBe('accepted');
  });

  it('still accepts a card signed by the old key during its grace period', async () => {
    const kiosk = await kioskAt(validUntil - DAY_MS);
    expect((await kiosk.scan(serverCard(oldKey, 'Vecchia'), 'camera')).code).toBe('accepted');
  });

  it('refuses a card signed by the old key once its grace period is over, and still accepts the new key', async () => {
    const kiosk = await kioskAt(validUntil + 60_000);
    expect((await kiosk.scan(serverCard(oldKey, 'Scaduta'), 'camera')).code).toBe('unknown_issuer');
    expect((await kiosk.scan(serverCard(newKey, 'Dopo'), 'camera')).code).toBe('accepted');
  });
});
