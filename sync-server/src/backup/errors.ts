/**
 * Why a backup or restore stopped, each with the exit code `npm run city` ends with (sync-server/README.md,
 * "The city command"). The message is one line for the operator, saying what to do.
 */
export class OperationError extends Error {
  constructor(
    message: string,
    /** 2: the store cannot be opened; 3: refused, nothing changed; 4: failed part-way, nothing published */
    readonly exitCode: 2 | 3 | 4,
  ) {
    super(message);
  }
}

/** The store named by DATABASE_URL cannot be opened or reached (exit code 2). */
export class StoreUnavailableError extends OperationError {
  override name = 'StoreUnavailableError';
  constructor(message: string) {
    super(message, 2);
  }
}

/** Refused before anything was written: an existing file, a store with data, a missing tool (exit code 3). */
export class RefusedError extends OperationError {
  override name = 'RefusedError';
  constructor(message: string) {
    super(message, 3);
  }
}

/** Failed while copying; the partial output was removed (exit code 4). */
export class FailedError extends OperationError {
  override name = 'FailedError';
  constructor(message: string) {
    super(message, 4);
  }
}
