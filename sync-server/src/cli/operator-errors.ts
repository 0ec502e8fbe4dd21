import { resolve } from 'node:path';
import { OperationError } from '../backup/errors';
import { ConfigError, loadConfig, type ServerConfig } from '../config';
import { CardKeyFileError } from '../keys/key-file';

/**
 * Exit codes of `npm run city` (sync-server/README.md, "The city command"): 1 is commander's, for an unknown
 * command or option; the rest are ours.
 */
const EXIT = { ok: 0, usage: 1, store: 2, refused: 3, failed: 4 } as const;

/**
 * The server's configuration, read from the same environment the server runs with (config.ts): the CLI acts on
 * the store and key file the server uses. A refused configuration is an OperationError with exit code 2.
 */
export function serverConfig(): ServerConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new OperationError(`configuration refused: ${error.message}`, 2);
    throw error;
  }
}

/**
 * A path the operator typed, from the folder they typed it in: `npm run` moves to the repository's root and
 * keeps the original folder in INIT_CWD.
 */
export function operatorPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/**
 * Runs a command's action; an operator's error (OperationError, a card key file problem) becomes one line on
 * stderr and its exit code, anything else stays a crash with its stack (exit 1), which is a bug to report.
 */
export function operatorAction<A extends unknown[]>(
  action: (...args: A) => Promise<void> | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      if (error instanceof OperationError) {
        console.error(`city: ${error.message}`);
        process.exitCode = error.exitCode;
        return;
      }
      if (error instanceof CardKeyFileError) {
        console.error(`city: ${error.message}`);
        process.exitCode = EXIT.store;
        return;
      }
      throw error;
    }
  };
}
