import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableOrSkip } from './requirements.ts';
import { tempDir } from './tmp.ts';

/** A small file system of its own, to fill up: a test's "disk". */
export interface SmallDisk {
  path: string;
  /** writes a filler file until the file system refuses (ENOSPC): the disk is full */
  fill(): void;
  /** removes the filler: the disk has space again */
  free(): void;
  /** unmounts and removes the mount point */
  remove(): void;
}

/**
 * Mounts a tmpfs of `sizeKb` KiB (`mount -t tmpfs -o size=…`), or returns undefined and prints why when this
 * process is not root (it fails instead in CI, where .ci/run sets VIGEVANO_REQUIRE_TMPFS=1).
 */
export function mountSmallDisk(sizeKb: number): SmallDisk | undefined {
  const root = process.getuid?.() === 0;
  if (!availableOrSkip('TMPFS', root, 'mounting a tmpfs needs root (full-disk tests)')) return undefined;
  const dir = tempDir('vigevano-disk-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir.path]);
  const filler = join(dir.path, 'filler');
  return {
    path: dir.path,
    fill: () => {
      // Big writes first, then small ones down to the last free block.
      for (const size of [1024 * 1024, 64 * 1024, 4096, 512]) {
        const chunk = Buffer.alloc(size, 120);
        try {
          for (;;) writeFileSync(filler, chunk, { flag: 'a' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        }
      }
    },
    free: () => rmSync(filler, { force: true }),
    remove: () => {
      execFileSync('umount', ['-l', dir.path]);
      dir.remove();
    },
  };
}
