import { type EsfOperationQuery, mayActOnHub, type SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ApiFailure } from '../../http/api-failure';
import type { Database } from '../../store/schema';

/** An operation as the ESF+ report and the registers read it. */
export interface OperationRow {
  id: string;
  code: string;
  name: string;
  startsOn: string;
  endsOn: string;
  hubIds: string[];
}

/** Every operation with its hubs, by code. */
export async function allOperations(db: Kysely<Database>): Promise<OperationRow[]> {
  const [operations, hubs] = await Promise.all([
    db
      .selectFrom('operations')
      .select(['id', 'code', 'name', 'starts_on', 'ends_on'])
      .orderBy('code')
      .execute(),
    db.selectFrom('operation_hubs').select(['operation_id', 'hub_id']).execute(),
  ]);
  return operations.map((o) => ({
    id: o.id,
    code: o.code,
    name: o.name,
    startsOn: o.starts_on,
    endsOn: o.ends_on,
    hubIds: hubs.filter((h) => h.operation_id === o.id).map((h) => h.hub_id),
  }));
}

/** Whether the user may see an operation: everyone but a hub lead; a hub lead when it runs at one of their hubs. */
const maySeeOperation = (user: SessionUser, o: OperationRow): boolean =>
  user.role !== 'hub_lead' || o.hubIds.some((h) => mayActOnHub(user, h));

/**
 * The operations a report covers: the one whose code was asked for, or every one the user may see. Refuses (no
 * change, a clear Italian message) a period whose end precedes its start (bad_request), an unknown code
 * (not_found) and an operation at none of a hub lead's hubs (forbidden).
 */
export async function reportOperations(
  db: Kysely<Database>,
  user: SessionUser,
  q: EsfOperationQuery,
): Promise<{ chosen: OperationRow[]; visible: OperationRow[] }> {
  if (q.to < q.from)
    throw new ApiFailure('bad_request', `la fine del periodo (${q.to}) precede l'inizio (${q.from})`);
  const operations = await allOperations(db);
  const visible = operations.filter((o) => maySeeOperation(user, o));
  if (q.operation === undefined) return { chosen: visible, visible };
  const operation = operations.find((o) => o.code === q.operation);
  if (!operation) throw new ApiFailure('not_found', `non esiste un'operazione con codice ${q.operation}`);
  if (!maySeeOperation(user, operation))
    throw new ApiFailure('forbidden', `l'operazione ${q.operation} non si svolge nei tuoi hub`);
  return { chosen: [operation], visible };
}
