import type { Hub, Operation, OperationInput, SessionUser, TargetGroup } from '@vigevano/protocol';
import { type Kysely, sql, type Transaction } from 'kysely';
import { ulid } from 'ulid';
import { recordAudit, userActor } from '../audit/audit-log';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import { getDocument } from '../store/documents';
import type { Database } from '../store/schema';

type Db = Kysely<Database> | Transaction<Database>;
type Actor = Pick<SessionUser, 'id' | 'email' | 'role' | 'hubIds'>;

/** Every operation as the API shows it, with its hubs and how many sessions and participants it groups. */
export async function listOperations(db: Db, ids?: readonly string[]): Promise<Operation[]> {
  let query = db.selectFrom('operations').selectAll();
  if (ids) query = query.where('id', 'in', ids.length > 0 ? [...ids] : ['']);
  const rows = await query.orderBy('starts_on', 'desc').orderBy('code').execute();
  if (rows.length === 0) return [];
  const opIds = rows.map((r) => r.id);
  const hubs = await db.selectFrom('operation_hubs').selectAll().where('operation_id', 'in', opIds).execute();
  const participants = await db
    .selectFrom('participants')
    .select(['operation_id', sql<number>`count(*)`.as('n')])
    .where('operation_id', 'in', opIds)
    .groupBy('operation_id')
    .execute();
  const sessions = await sessionCounts(db, opIds);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    hubIds: hubs
      .filter((h) => h.operation_id === r.id)
      .map((h) => h.hub_id)
      .sort(),
    targetGroup: r.target_group as TargetGroup,
    plannedHours: Number(r.planned_minutes) / 60,
    sessions: sessions.get(r.id) ?? 0,
    participants: Number(participants.find((p) => p.operation_id === r.id)?.n ?? 0),
    updatedAt: Number(r.updated_at),
  }));
}

/** Sessions per operation, read from the sessions documents (the operation is a field of their JSON body). */
async function sessionCounts(db: Db, opIds: string[]): Promise<Map<string, number>> {
  const docs = await db
    .selectFrom('documents')
    .select('body')
    .where('collection', '=', 'sessions')
    .where('deleted', '=', 0)
    .where('body', 'like', '%"operationId"%')
    .execute();
  const out = new Map<string, number>();
  for (const d of docs) {
    const op = (JSON.parse(d.body) as { operationId?: string }).operationId;
    if (op && opIds.includes(op)) out.set(op, (out.get(op) ?? 0) + 1);
  }
  return out;
}

/** One operation; throws ApiFailure not_found (404) for an unknown id. */
export async function getOperation(db: Db, id: string): Promise<Operation> {
  const [found] = await listOperations(db, [id]);
  if (!found) throw new ApiFailure('not_found', `l'operazione ${id} non esiste`);
  return found;
}

/**
 * The checks the body schema cannot make, each refusing with the field it is about: the end before the start,
 * a code another operation has, a hub that does not exist or is archived. Nothing is written before they pass.
 */
async function checkInput(db: Db, input: OperationInput, selfId: string | null): Promise<void> {
  if (input.endsOn < input.startsOn)
    throw fieldFailure(
      'validation_failed',
      '/endsOn',
      'end_before_start',
      `la data di fine (${input.endsOn}) viene prima di quella di inizio (${input.startsOn})`,
    );
  const sameCode = await db
    .selectFrom('operations')
    .select('id')
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (sameCode && sameCode.id !== selfId)
    throw fieldFailure(
      'conflict',
      '/code',
      'duplicate',
      `esiste già un'operazione con il codice «${input.code}»`,
    );
  for (const [i, hubId] of input.hubIds.entries()) {
    const hub = await getDocument<Hub>(db as Kysely<Database>, 'hubs', hubId);
    if (!hub)
      throw fieldFailure('validation_failed', `/hubIds/${i}`, 'unknown_hub', `la sede ${hubId} non esiste`);
    if (hub.archived)
      throw fieldFailure(
        'validation_failed',
        `/hubIds/${i}`,
        'archived_hub',
        `la sede «${hub.name}» è archiviata`,
      );
  }
}

function rowOf(input: OperationInput) {
  return {
    code: input.code,
    name: input.name.trim(),
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    target_group: input.targetGroup,
    planned_minutes: Math.round(input.plannedHours * 60),
  };
}

async function linkHubs(tx: Transaction<Database>, id: string, hubIds: readonly string[]): Promise<void> {
  await tx.deleteFrom('operation_hubs').where('operation_id', '=', id).execute();
  for (const hubId of hubIds)
    await tx.insertInto('operation_hubs').values({ operation_id: id, hub_id: hubId }).execute();
}

const audited = (o: Operation) => {
  const { sessions: _s, participants: _p, updatedAt: _u, ...rest } = o;
  return rest;
};

/** One audit entry about operation `id`; its first hub names it for a hub lead's filter. */
function auditOperation(
  tx: Transaction<Database>,
  user: Actor,
  action: string,
  id: string,
  hubIds: readonly string[],
  change: { before?: unknown; after?: unknown },
  now: number,
) {
  const target = { type: 'operation', id };
  return recordAudit(
    tx,
    { actor: userActor(user), action, target, hubId: hubIds[0] ?? null, ...change },
    now,
  );
}

/** Creates an operation and its audit entry (operation.create) in one transaction. */
export async function createOperation(
  db: Kysely<Database>,
  input: OperationInput,
  user: Actor,
  now = Date.now(),
) {
  return db.transaction().execute(async (tx) => {
    await checkInput(tx, input, null);
    const id = ulid(now);
    await tx
      .insertInto('operations')
      .values({ id, ...rowOf(input), created_at: now, updated_at: now })
      .execute();
    await linkHubs(tx, id, input.hubIds);
    const operation = await getOperation(tx, id);
    await auditOperation(tx, user, 'operation.create', id, input.hubIds, { after: audited(operation) }, now);
    return operation;
  });
}

/** Changes an operation (operation.update); its sessions and participants keep pointing at it. */
export async function updateOperation(
  db: Kysely<Database>,
  id: string,
  input: OperationInput,
  user: Actor,
  now = Date.now(),
) {
  return db.transaction().execute(async (tx) => {
    const before = await getOperation(tx, id);
    await checkInput(tx, input, id);
    await tx
      .updateTable('operations')
      .set({ ...rowOf(input), updated_at: now })
      .where('id', '=', id)
      .execute();
    await linkHubs(tx, id, input.hubIds);
    const operation = await getOperation(tx, id);
    const change = { before: audited(before), after: audited(operation) };
    await auditOperation(tx, user, 'operation.update', id, input.hubIds, change, now);
    return operation;
  });
}

/**
 * Deletes an operation nothing points at yet (operation.delete). One with sessions or participants is the
 * funder's record: refused with conflict (409), as deleting it would orphan them.
 */
export async function deleteOperation(db: Kysely<Database>, id: string, user: Actor, now = Date.now()) {
  return db.transaction().execute(async (tx) => {
    const before = await getOperation(tx, id);
    if (before.sessions > 0 || before.participants > 0)
      throw new ApiFailure(
        'conflict',
        `l'operazione «${before.code}» ha già ${before.sessions} sessioni e ${before.participants} partecipanti: non si può eliminare`,
      );
    await tx.deleteFrom('operation_hubs').where('operation_id', '=', id).execute();
    await tx.deleteFrom('operations').where('id', '=', id).execute();
    await auditOperation(tx, user, 'operation.delete', id, before.hubIds, { before: audited(before) }, now);
    return id;
  });
}
