import { join, resolve } from 'node:path';
import { IN_MEMORY_DIRECTORY } from './types.ts';

/**
 * File of one RxDatabase. The database name becomes a file name: characters that are not safe in file names
 * on every platform (and '%' itself) are percent-encoded, so distinct names never share a file.
 */
export function databaseFilePath(directory: string, databaseName: string): string {
  if (directory === IN_MEMORY_DIRECTORY) {
    return `${IN_MEMORY_DIRECTORY}${databaseName}`;
  }
  // Fixed-width code units (`%002f`), so that no two names can encode to the same file name.
  const safe = databaseName.replace(
    /[^A-Za-z0-9._-]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return resolve(join(directory, `${safe}.sqlite`));
}
