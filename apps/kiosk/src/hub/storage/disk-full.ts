/**
 * Is this error (or one it wraps) a write refused for lack of disk space? Our SQLite storage throws RxError RXS4
 * (packages/rxdb-sqlite, from SQLite's SQLITE_FULL); file writes throw Node's ENOSPC. RxDB and our code wrap
 * errors in `cause`, `parameters.error` or `errors`, so those are searched too (a few levels deep).
 */
export function isDiskFullError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as {
    code?: unknown;
    cause?: unknown;
    errors?: unknown;
    parameters?: { sqliteCode?: unknown; error?: unknown; errors?: unknown };
  };
  if (e.code === 'RXS4' || e.code === 'SQLITE_FULL' || e.code === 'ENOSPC') return true;
  if (e.parameters?.sqliteCode === 'SQLITE_FULL') return true;
  const nested = [e.cause, e.parameters?.error, e.errors, e.parameters?.errors].flatMap((n) =>
    Array.isArray(n) ? n : [n],
  );
  return nested.some((n) => isDiskFullError(n, depth + 1));
}
