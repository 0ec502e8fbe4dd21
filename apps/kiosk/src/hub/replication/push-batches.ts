import { SYNC_LIMITS } from '@vigevano/protocol';

/**
 * Bytes a kiosk puts in one push body: half the server's limit (SYNC_LIMITS.maxPushBytes, which the server enforces
 * with a 413), so a batch stays well under it whatever the JSON encoder or a proxy adds, and a request lost to a bad
 * network costs at most this much to send again.
 */
const PUSH_BATCH_BYTES = SYNC_LIMITS.maxPushBytes / 2;

/** One push row ready to send: its JSON text and that text's size in UTF-8 bytes. */
export interface EncodedRow<T> {
  row: T;
  json: string;
  bytes: number;
  /** set when `row` is a shrunk form of this row (see pushInBatches' `shrink`) */
  shrunkFrom?: T;
}

/** Encodes rows as the push body will carry them (UTF-8: a Cyrillic letter is 2 bytes, most CJK 3). */
export function encodeRows<T>(rows: T[]): Array<EncodedRow<T>> {
  return rows.map((row) => {
    const json = JSON.stringify(row);
    return { row, json, bytes: Buffer.byteLength(json, 'utf8') };
  });
}

/** The size of a push body holding these rows: `[row,row,…]`. */
export function bodyBytes(rows: Array<EncodedRow<unknown>>): number {
  return rows.reduce((sum, r) => sum + r.bytes, 0) + rows.length + 1;
}

/** The push body of these rows, exactly as sized by bodyBytes. */
function bodyOf(rows: Array<EncodedRow<unknown>>): string {
  return `[${rows.map((r) => r.json).join(',')}]`;
}

/**
 * Splits rows, in order, into batches whose bodies are at most `maxBytes` each. A row whose own body is larger
 * goes alone in its batch (the server, or a 413, decides whether it fits at all).
 */
export function splitByBytes<T>(
  rows: Array<EncodedRow<T>>,
  maxBytes = PUSH_BATCH_BYTES,
): Array<Array<EncodedRow<T>>> {
  const batches: Array<Array<EncodedRow<T>>> = [];
  let current: Array<EncodedRow<T>> = [];
  let size = 1;
  for (const row of rows) {
    if (current.length > 0 && size + row.bytes + 1 > maxBytes) {
      batches.push(current);
      current = [];
      size = 1;
    }
    current.push(row);
    size += row.bytes + 1;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Outcome of sending one batch: the server's conflicts, or "too large" (HTTP 413 Content Too Large, RFC 9110 §15.5.14). */
export type BatchOutcome<C> = { conflicts: C[] } | 'too-large';

/**
 * Sends rows in byte-sized batches, one after another. A batch refused as too large is halved and each half sent
 * again (down to single rows), so a limit lower than the protocol's (a proxy's) costs a few extra requests, never a
 * stall. A single row still refused, or larger than the protocol's limit on its own, is tried once more in the
 * form `shrink` gives (if any); if that fails too it can never be pushed: it is returned in `tooLarge` and the rest
 * goes on.
 * @param send pushes one body; answers 'too-large' on a 413, throws on anything else (which aborts the whole push)
 */
export async function pushInBatches<T, C>(
  rows: T[],
  send: (body: string) => Promise<BatchOutcome<C>>,
  options: { batchBytes?: number; maxBytes?: number; shrink?: (row: T) => T | undefined } = {},
): Promise<{ conflicts: C[]; tooLarge: Array<{ row: T; bytes: number }> }> {
  const maxBytes = options.maxBytes ?? SYNC_LIMITS.maxPushBytes;
  const conflicts: C[] = [];
  const tooLarge: Array<{ row: T; bytes: number }> = [];
  const queue = splitByBytes(encodeRows(rows), options.batchBytes ?? PUSH_BATCH_BYTES);
  while (queue.length > 0) {
    const batch = queue.shift() as Array<EncodedRow<T>>;
    const single = batch.length === 1 ? (batch[0] as EncodedRow<T>) : undefined;
    const giveUp = (one: EncodedRow<T>) => {
      const smaller = one.shrunkFrom === undefined ? options.shrink?.(one.row) : undefined;
      if (smaller === undefined) tooLarge.push({ row: one.shrunkFrom ?? one.row, bytes: one.bytes });
      else queue.unshift(encodeRows([smaller]).map((r) => ({ ...r, shrunkFrom: one.row })));
    };
    if (single && bodyBytes(batch) > maxBytes) {
      giveUp(single);
      continue;
    }
    const outcome = await send(bodyOf(batch));
    if (outcome !== 'too-large') {
      conflicts.push(...outcome.conflicts);
    } else if (single) {
      giveUp(single);
    } else {
      const half = Math.ceil(batch.length / 2);
      queue.unshift(batch.slice(0, half), batch.slice(half));
    }
  }
  return { conflicts, tooLarge };
}
