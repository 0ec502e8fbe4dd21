import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomically } from './atomic-output';
import { RefusedError } from './errors';

describe('writeAtomically', () => {
  const dir = tempDir('vigevano-atomic-');
  afterAll(() => dir.remove());

  it('publishes the file only when the write succeeded, owner-only', async () => {
    const file = join(dir.path, 'ok.bak');
    await writeAtomically(file, false, async (temporary) => {
      expect(existsSync(file)).toBe(false);
      writeFileSync(temporary, 'copy');
    });
    expect(readFileSync(file, 'utf8')).toBe('copy');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir.path)).toEqual(['ok.bak']);
  });

  it('leaves neither the file nor a temporary one when the write fails', async () => {
    const file = join(dir.path, 'failed.bak');
    await expect(
      writeAtomically(file, false, async (temporary) => {
        writeFileSync(temporary, 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readdirSync(dir.path)).toEqual(['ok.bak']);
  });

  it('refuses an existing file without force, and replaces it with force', async () => {
    const file = join(dir.path, 'ok.bak');
    await expect(writeAtomically(file, false, async () => undefined)).rejects.toThrow(RefusedError);
    expect(readFileSync(file, 'utf8')).toBe('copy');
    await writeAtomically(file, true, async (temporary) => writeFileSync(temporary, 'new copy'));
    expect(readFileSync(file, 'utf8')).toBe('new copy');
    expect(readdirSync(dir.path)).toEqual(['ok.bak']);
  });

  it('refuses a file whose name was taken while it was written, keeping that file', async () => {
    const file = join(dir.path, 'raced.bak');
    await expect(
      writeAtomically(file, false, async (temporary) => {
        writeFileSync(file, 'theirs');
        writeFileSync(temporary, 'ours');
      }),
    ).rejects.toThrow('appeared while');
    expect(readFileSync(file, 'utf8')).toBe('theirs');
    expect(readdirSync(dir.path).sort()).toEqual(['ok.bak', 'raced.bak']);
  });
});
