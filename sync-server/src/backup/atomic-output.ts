import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RefusedError } from './errors';

/**
 * Writes `file` through a hidden temporary file next to it (same file system, so the last step is a rename), so
 * a failure or a kill leaves no half file under the real name. Without `force`, an existing `file` is refused
 * before anything is written, and again at the end (a hard link, which fails if the name was taken meanwhile).
 * `write` receives the temporary path; the file is created empty with mode 0600 first (a backup holds the city's
 * personal data). Throws RefusedError for an existing file or a missing folder; rethrows what `write` throws.
 */
export async function writeAtomically(
  file: string,
  force: boolean,
  write: (temporaryPath: string) => Promise<void>,
): Promise<void> {
  const target = resolve(file);
  if (!existsSync(dirname(target))) throw new RefusedError(`folder ${dirname(target)} does not exist`);
  if (!force && existsSync(target))
    throw new RefusedError(`${target} exists: choose another name, or pass --force to replace it`);
  const temporary = join(
    dirname(target),
    `.${basename(target)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  closeSync(openSync(temporary, 'wx', 0o600));
  try {
    await write(temporary);
    const fd = openSync(temporary, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (force) renameSync(temporary, target);
    else {
      try {
        linkSync(temporary, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST')
          throw new RefusedError(`${target} appeared while the backup ran: nothing replaced`);
        // a file system without hard links (some network shares): the check at the start has to do
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
        renameSync(temporary, target);
      }
      rmSync(temporary, { force: true });
    }
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
