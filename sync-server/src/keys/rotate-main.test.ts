import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tsNodeCommand } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/database';
import { newCardKeyFile, readCardKeyFile, writeCardKeyFile } from './key-file';

// `npm run rotate-card-key` as an operator runs it: on the key file the server's environment names.

describe('npm run rotate-card-key', () => {
  const dir = tempDir('vigevano-rotate-');
  afterAll(() => dir.remove());

  it('rotates the key file of DATA_DIR, keeping the old public key for the grace period given, audited', async () => {
    const keyFile = join(dir.path, 'keys', 'card-signing-key.json');
    const before = newCardKeyFile();
    writeCardKeyFile(keyFile, before);
    const [command, args] = tsNodeCommand('sync-server/src/keys/rotate-main.ts', ['--grace-days', '30']);
    const started = Date.now();
    const output = execFileSync(command, args, {
      env: { ...process.env, DATA_DIR: dir.path },
      encoding: 'utf8',
    });
    const after = readCardKeyFile(keyFile);
    expect(after.current.keyId).not.toBe(before.current.keyId);
    expect(after.retired).toHaveLength(1);
    expect(after.retired[0]?.keyId).toBe(before.current.keyId);
    expect(after.retired[0]?.validUntil).toBeGreaterThanOrEqual(started + 30 * 86_400_000);
    expect(output).toContain(after.current.keyId);
    expect(output).toContain('restart the server');
    // audited in the server's store (DATA_DIR's SQLite file here), as the command line's action
    const store = openStore(`sqlite:${join(dir.path, 'city.sqlite')}`);
    try {
      const entries = await store.db.selectFrom('audit_log').selectAll().execute();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actor_id: 'cli',
        action: 'card_key.rotate',
        target_id: after.current.keyId,
        before_json: JSON.stringify({ keyId: before.current.keyId }),
      });
    } finally {
      await store.close();
    }
  }, 120_000);

  it('refuses a grace period that is not a number of days, changing nothing', () => {
    const keyFile = join(dir.path, 'keys', 'card-signing-key.json');
    const before = readCardKeyFile(keyFile);
    const [command, args] = tsNodeCommand('sync-server/src/keys/rotate-main.ts', ['--grace-days', 'tanti']);
    expect(() =>
      execFileSync(command, args, { env: { ...process.env, DATA_DIR: dir.path }, stdio: 'pipe' }),
    ).toThrow('--grace-days');
    expect(readCardKeyFile(keyFile)).toEqual(before);
  }, 120_000);
});
