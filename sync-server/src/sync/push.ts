import {
  type DeviceWriter,
  decidePush,
  judgeDeviceWrite,
  type PushDecision,
  type PushRow,
  type ReplicatedDocument,
  type ValidationIssue,
} from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { AuthenticatedDevice } from '../devices/enrolment';
import { ApiFailure } from '../http/api-failure';
import { project, type WrittenDocument } from '../store/projections';
import type { Database } from '../store/schema';
import { giveBackOrdersAfter, lockChangeCounter, takeChangeOrders, visibleTo } from './change-order';
import type { SyncCollection } from './collections';

type Body = Record<string, unknown>;
type Doc = ReplicatedDocument<Body>;

/** Rows per INSERT: well under SQLite's 32 766 and PostgreSQL's 65 535 bound parameters (9 columns a row). */
const ROWS_PER_STATEMENT = 500;

function bodyOf(doc: Doc): Body {
  const { _deleted: _drop, ...body } = doc;
  return body;
}

/**
 * Checks a whole push before anything is written: the collection takes pushes from devices, every document is
 * valid by the collection's JSON Schema, and says it belongs to the device's own hub (what it says proves nothing:
 * `applyPush` then judges each row against the stored document by the write authority). One bad row refuses the
 * batch, with the row and the reason, so a kiosk bug shows up at once instead of as silently missing data.
 */
export function checkPush(collection: SyncCollection, device: AuthenticatedDevice, rows: PushRow[]): void {
  if (!collection.devicesPush)
    throw new ApiFailure('forbidden', `devices may not push to "${collection.name}": the server writes it`);
  const invalid: Array<{ row: number; issues: ValidationIssue[] }> = [];
  rows.forEach((row, index) => {
    const doc = row.newDocumentState;
    if (typeof doc._deleted !== 'boolean') {
      invalid.push({
        row: index,
        issues: [{ path: '/_deleted', code: 'type', expected: 'boolean', message: 'must be boolean' }],
      });
      return;
    }
    const issues = collection.validate(bodyOf(doc));
    if (issues.length > 0) invalid.push({ row: index, issues: issues.slice(0, 5) });
  });
  if (invalid.length > 0) {
    const first = invalid[0] as { row: number; issues: ValidationIssue[] };
    throw new ApiFailure(
      'validation_failed',
      `row ${first.row} of ${collection.name}: ${first.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      invalid.slice(0, 20),
    );
  }
  if (collection.hubOf) {
    const hubOf = collection.hubOf;
    const foreign = rows.findIndex((row) => hubOf(bodyOf(row.newDocumentState)) !== device.hubId);
    if (foreign >= 0)
      throw new ApiFailure(
        'forbidden',
        `row ${foreign} of ${collection.name} belongs to another hub: a device pushes only its own hub's documents`,
        { row: foreign, deviceHubId: device.hubId },
      );
  }
}

/**
 * Refuses a push whose documents name, in a reference field of the collection's write authority (a check-in's or a
 * roster entry's `sessionId`), a document the server holds for another hub: a kiosk could otherwise put people on
 * another hub's roster or count them in its sessions. A name the server does not hold yet passes (a session made
 * offline, pushed later; ids are ULIDs, so another hub cannot have made it). A stored document's hub never changes,
 * so this is read before the push's transaction. Throws ApiFailure `forbidden` naming the row; nothing is written.
 */
export async function checkReferences(
  db: Kysely<Database>,
  collection: SyncCollection,
  device: AuthenticatedDevice,
  rows: PushRow[],
): Promise<void> {
  for (const [field, target] of Object.entries(collection.authority?.references ?? {})) {
    const named = [
      ...new Set(
        rows.flatMap((row) => {
          const value = (row.newDocumentState as Record<string, unknown>)[field];
          return typeof value === 'string' ? [value] : [];
        }),
      ),
    ];
    if (named.length === 0) continue;
    const foreign = await db
      .selectFrom('documents')
      .select(['id', 'hub_id'])
      .where('collection', '=', target)
      .where('id', 'in', named)
      .where('hub_id', '!=', device.hubId)
      .executeTakeFirst();
    if (!foreign) continue;
    const row = rows.findIndex((r) => (r.newDocumentState as Record<string, unknown>)[field] === foreign.id);
    throw new ApiFailure(
      'forbidden',
      `row ${row} of ${collection.name}: ${field} names a ${target} document of another hub`,
      { row, field, deviceHubId: device.hubId },
    );
  }
}

interface Master {
  doc: Doc;
  visibleTo: string | null;
}

async function readMasters(
  tx: Transaction<Database>,
  collection: string,
  ids: string[],
): Promise<Map<string, Master>> {
  const masters = new Map<string, Master>();
  for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
    const rows = await tx
      .selectFrom('documents')
      .select(['id', 'body', 'deleted', 'visible_to'])
      .where('collection', '=', collection)
      .where('id', 'in', ids.slice(i, i + ROWS_PER_STATEMENT))
      .execute();
    for (const r of rows)
      masters.set(r.id, {
        doc: { ...JSON.parse(r.body), _deleted: r.deleted === 1 },
        visibleTo: r.visible_to,
      });
  }
  return masters;
}

/**
 * PostgreSQL may abort a transaction as a deadlock victim: a push takes the counter lock before the rows, while
 * the server's other writers (putDocuments) write a row before the projections hook takes the counter lock, so a
 * push and a coordinator's edit of the same document can wait on each other. The aborted push changed nothing,
 * so running it again is safe.
 */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

export interface PushResult {
  conflicts: Doc[];
  written: number;
  /**
   * rows the write authority refused (answered as conflicts with the stored state; nothing of them stored);
   * absent when none was
   */
  refused?: RefusedRow[];
}

/** A pushed row the write authority refused: which document, the field at fault and why. */
interface RefusedRow {
  id: string;
  field: string;
  reason: string;
}

/** The write-authority judge of a push: undefined when the caller is trusted (tests loading rows as the server). */
type Judge = ((stored: Doc | undefined, incoming: Doc) => ReturnType<typeof judgeDeviceWrite>) | undefined;

function judgeOf(collection: SyncCollection, writer: DeviceWriter | undefined): Judge {
  const { authority } = collection;
  if (!writer || !authority) return undefined;
  return (stored, incoming) => judgeDeviceWrite(authority, writer, stored, incoming);
}

/** The stored row of a document that a push writes, with its change order and hub visibility. */
function rowOf(
  collection: SyncCollection,
  id: string,
  doc: Doc,
  previous: Master | undefined,
  order: number,
  written: WrittenDocument[],
) {
  const body = bodyOf(doc);
  const hubId = collection.hubOf?.(body) ?? null;
  written.push({ id, hubId, body, deleted: doc._deleted });
  return {
    collection: collection.name,
    id,
    hub_id: hubId,
    body: JSON.stringify(body),
    deleted: doc._deleted ? 1 : 0,
    at: collection.atOf(body),
    updated_at: collection.updatedAtOf(body),
    change_order: order,
    visible_to: collection.hubListOf
      ? visibleTo(previous ? previous.visibleTo : undefined, collection.hubListOf(body))
      : null,
  };
}

/**
 * The rows a kiosk sends as new (no assumed master state, the id once in the batch) are inserted at once, with
 * `ON CONFLICT DO NOTHING`: for a document the server does not hold, every policy writes it as sent, so a fresh
 * check-in needs no read first. This is nearly every row of a push, and it halves the time a push holds the
 * counter lock: the read of the current states was the larger part, and on PostgreSQL its plan degrades while a
 * fast-growing table's statistics are stale. Returns the rows left for `settleRows`: those not sent as new, and
 * those the server already held (a retried push, or a conflict), which did not insert: their orders are given back
 * when they are the last ones (so a retried push leaves the counter as it was, and a counter always ends at a
 * written change, which the report feed's `behind()` relies on), or stay a gap in the feed, which is harmless:
 * readers only ever ask for orders after a checkpoint.
 */
async function insertFresh(
  tx: Transaction<Database>,
  collection: SyncCollection,
  rows: PushRow[],
  written: WrittenDocument[],
  judge: Judge,
): Promise<PushRow[]> {
  const idOf = (row: PushRow) => String(row.newDocumentState[collection.primaryKey]);
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(idOf(row), (seen.get(idOf(row)) ?? 0) + 1);
  // Only rows the create rule allows are inserted blind; the others go to `settleRows`, which judges them against
  // the stored document (a row new to the kiosk may be an update of one the server holds).
  const fresh = rows.filter(
    (row) =>
      row.assumedMasterState == null &&
      seen.get(idOf(row)) === 1 &&
      (judge?.(undefined, row.newDocumentState).ok ?? true),
  );
  if (fresh.length === 0) return rows;

  const first = await takeChangeOrders(tx, collection.name, fresh.length);
  let order = first;
  const candidates: WrittenDocument[] = [];
  const values = fresh.map((row) =>
    rowOf(collection, idOf(row), row.newDocumentState, undefined, order++, candidates),
  );
  const inserted = new Set<string>();
  for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
    const stored = await tx
      .insertInto('documents')
      .values(values.slice(i, i + ROWS_PER_STATEMENT))
      .onConflict((oc) => oc.columns(['collection', 'id']).doNothing())
      .returning('id')
      .execute();
    for (const { id } of stored) inserted.add(id);
  }
  for (const doc of candidates) if (inserted.has(doc.id)) written.push(doc);
  const lastUsed = values.reduce((last, v) => (inserted.has(v.id) ? v.change_order : last), first - 1);
  if (lastUsed < order - 1) await giveBackOrdersAfter(tx, collection.name, lastUsed);
  // an inserted id was a fresh row's, and only its: fresh ids occur once in the batch
  return rows.filter((row) => !inserted.has(idOf(row)));
}

/**
 * Settles rows against the server's current states: first the write authority (a refused row is answered with the
 * stored state as its conflict, so the kiosk's copy is corrected; a refused create, with no stored state to answer
 * with, refuses the whole push, which rolls back), then the collection's conflict policy; writes what changed with
 * fresh change orders (an upsert). Returns the conflicts to send back and adds refused rows to `refused`.
 */
async function settleRows(
  tx: Transaction<Database>,
  collection: SyncCollection,
  rows: PushRow[],
  written: WrittenDocument[],
  judge: Judge,
  refused: RefusedRow[],
): Promise<Doc[]> {
  const conflicts: Doc[] = [];
  if (rows.length === 0) return conflicts;
  const { primaryKey } = collection;
  const ids = [...new Set(rows.map((r) => String(r.newDocumentState[primaryKey])))];
  const masters = await readMasters(tx, collection.name, ids);
  const toWrite = new Map<string, { doc: Doc; previous: Master | undefined }>();
  for (const row of rows) {
    const id = String(row.newDocumentState[primaryKey]);
    const current = masters.get(id);
    const verdict = judge?.(current?.doc, row.newDocumentState);
    if (verdict && !verdict.ok) {
      if (!current)
        throw new ApiFailure('forbidden', `${collection.name} ${id}: ${verdict.field}: ${verdict.reason}`, {
          id,
          field: verdict.field,
        });
      refused.push({ id, field: verdict.field, reason: verdict.reason });
      conflicts.push(current.doc);
      continue;
    }
    const decision: PushDecision<Body> = decidePush(
      collection.conflict,
      { master: current?.doc, incoming: row.newDocumentState, assumed: row.assumedMasterState },
      collection.mergeRule,
    );
    if (decision.kind === 'conflict') conflicts.push(decision.master);
    if (decision.kind === 'write' || decision.kind === 'merged') {
      if (decision.kind === 'merged') conflicts.push(decision.doc);
      toWrite.set(id, { doc: decision.doc, previous: toWrite.get(id)?.previous ?? current });
      // A later row of the same batch for the same id sees this one as the server's state.
      masters.set(id, { doc: decision.doc, visibleTo: current?.visibleTo ?? null });
    }
  }
  if (toWrite.size === 0) return conflicts;

  let order = await takeChangeOrders(tx, collection.name, toWrite.size);
  const values = [...toWrite.entries()].map(([id, { doc, previous }]) =>
    rowOf(collection, id, doc, previous, order++, written),
  );
  for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
    await tx
      .insertInto('documents')
      .values(values.slice(i, i + ROWS_PER_STATEMENT))
      .onConflict((oc) =>
        oc.columns(['collection', 'id']).doUpdateSet((eb) => ({
          hub_id: eb.ref('excluded.hub_id'),
          body: eb.ref('excluded.body'),
          deleted: eb.ref('excluded.deleted'),
          at: eb.ref('excluded.at'),
          updated_at: eb.ref('excluded.updated_at'),
          change_order: eb.ref('excluded.change_order'),
          visible_to: eb.ref('excluded.visible_to'),
        })),
      )
      .execute();
  }
  return conflicts;
}

/**
 * Applies a checked push in one transaction, under the collection's change-counter lock (so conflict detection and
 * change orders are both serial per collection): insert what the kiosk sent as new and the create rule allows,
 * judge the rest against the stored states by the collection's write authority, settle what passes by the
 * collection's conflict policy; the change reaches live streams once it commits (project()).
 * The report tables follow later, from the change feed (reports/feed.ts).
 * Throws ApiFailure `forbidden` (nothing written) when a row creates a document its device may not create.
 */
export async function applyPush(
  db: Kysely<Database>,
  collection: SyncCollection,
  rows: PushRow[],
  /** more work for the same transaction (the device's status): one commit, one disk flush per push */
  alsoInTransaction?: (tx: Transaction<Database>) => Promise<void>,
  /**
   * the pushing device, whose write authority every row must pass; left out only by trusted callers (tests that
   * load rows as the server itself would)
   */
  writer?: DeviceWriter,
): Promise<PushResult> {
  const judge = judgeOf(collection, writer);
  const result = await retryOnDeadlock(() =>
    db.transaction().execute(async (tx) => {
      await alsoInTransaction?.(tx);
      await lockChangeCounter(tx, collection.name);
      const written: WrittenDocument[] = [];
      const refused: RefusedRow[] = [];
      const rest = await insertFresh(tx, collection, rows, written, judge);
      const conflicts = await settleRows(tx, collection, rest, written, judge, refused);
      if (written.length > 0) await project(tx, collection.name, written, { stamped: true });
      return { conflicts, written, refused };
    }),
  );
  const { conflicts, refused } = result;
  return { conflicts, written: result.written.length, ...(refused.length > 0 ? { refused } : {}) };
}
