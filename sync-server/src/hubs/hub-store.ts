import {
  createDocumentValidators,
  type Device,
  type Hub,
  type HubInput,
  type HubRow,
  hubInputProblems,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import { ApiFailure } from '../http/api-failure';
import { getDocument, listDocuments, putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { listAreas } from './areas';

const validate = createDocumentValidators().hubs;

/** A later updatedAt than the stored one even if clocks stepped back: replication keeps the newer version. */
export const nextUpdate = (previous: number, now: number) => Math.max(now, previous + 1);

/** The kiosks of a hub that are enrolled and not revoked. */
async function activeKiosks(db: Kysely<Database>, hubId?: string): Promise<Device[]> {
  const devices = await listDocuments<Device>(db, 'devices', hubId ? { hubId } : {});
  return devices.filter((d) => !d.revoked);
}

/** A hub for the dashboard: facilitators by name only (the PIN hashes are for kiosks). */
function hubRow(hub: Hub, activeKioskCount: number): HubRow {
  const { facilitators, ...rest } = hub;
  return {
    ...rest,
    facilitators: facilitators.map((f) => ({ id: f.id, name: f.name })),
    activeKiosks: activeKioskCount,
  };
}

/** Every hub (archived ones last), with its active kiosk count, and the areas. */
export async function listHubs(db: Kysely<Database>): Promise<{ hubs: HubRow[]; areas: string[] }> {
  const [hubs, kiosks, areas] = await Promise.all([
    listDocuments<Hub>(db, 'hubs'),
    activeKiosks(db),
    listAreas(db),
  ]);
  const count = (hubId: string) => kiosks.filter((k) => k.hubId === hubId).length;
  return {
    hubs: hubs
      .map((h) => hubRow(h, count(h.id)))
      .sort((a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name, 'it')),
    areas,
  };
}

/**
 * Checks a hub against the rules of hub-rules.ts and the store: a name no other hub has (case-insensitive), an
 * area of the list. Throws ApiFailure validation_failed (400) whose details are every problem as a ValidationIssue
 * (`path` a JSON Pointer into the body, such as `/openingHours/2/close`; an Italian message), first the first.
 */
async function checkInput(db: Kysely<Database>, input: HubInput, selfId?: string): Promise<void> {
  const problems = hubInputProblems(input);
  const name = input.name.trim().toLocaleLowerCase('it');
  const hubs = await listDocuments<Hub>(db, 'hubs');
  if (name && hubs.some((h) => h.id !== selfId && h.name.trim().toLocaleLowerCase('it') === name))
    problems.unshift({
      path: '/name',
      code: 'duplicate',
      message: `esiste già una sede chiamata «${input.name.trim()}»`,
    });
  if (!(await listAreas(db)).includes(input.area))
    problems.push({
      path: '/area',
      code: 'unknown_area',
      message: `la zona «${input.area}» non è nell'elenco delle zone`,
    });
  const [first] = problems;
  if (first) throw new ApiFailure('validation_failed', first.message, problems);
}

function toDocument(input: HubInput, rest: Pick<Hub, 'id' | 'facilitators' | 'archived' | 'updatedAt'>): Hub {
  const doc: Hub = {
    ...input,
    name: input.name.trim(),
    address: input.address.trim(),
    targetGroups: [...new Set(input.targetGroups)],
    // kiosks read a day's intervals in time order (the closing time is the last one's close)
    openingHours: [...input.openingHours].sort((a, b) => a.day - b.day || a.open.localeCompare(b.open)),
    closures: [...input.closures].sort((a, b) => a.from.localeCompare(b.from)),
    ...rest,
  };
  const issues = validate(doc);
  if (issues.length > 0) throw new ApiFailure('validation_failed', 'sede non valida', issues);
  return doc;
}

const save = (db: Kysely<Database>, hub: Hub) =>
  putDocuments(db, [{ collection: 'hubs', hubId: hub.id, at: null, body: hub }]);

async function existing(db: Kysely<Database>, id: string): Promise<Hub> {
  const hub = await getDocument<Hub>(db, 'hubs', id);
  if (!hub) throw new ApiFailure('not_found', `la sede ${id} non esiste`);
  return hub;
}

/** A new hub, with no facilitators yet: written as a replicated document, and recorded in the audit log. */
export async function createHub(
  db: Kysely<Database>,
  input: HubInput,
  actor: AuditActor,
  now = Date.now(),
): Promise<HubRow> {
  return db.transaction().execute(async (tx) => {
    await checkInput(tx, input);
    const hub = toDocument(input, { id: ulid(now), facilitators: [], archived: false, updatedAt: now });
    await save(tx, hub);
    const row = hubRow(hub, 0);
    await recordAudit(
      tx,
      { actor, action: 'hub.create', target: { type: 'hub', id: hub.id }, hubId: hub.id, after: row },
      now,
    );
    return row;
  });
}

/** Edits a hub: its kiosks receive the new document on their next pull (or at once, through the live stream). */
export async function updateHub(
  db: Kysely<Database>,
  id: string,
  input: HubInput,
  actor: AuditActor,
  now = Date.now(),
): Promise<HubRow> {
  return db.transaction().execute(async (tx) => {
    const old = await existing(tx, id);
    await checkInput(tx, input, id);
    const hub = toDocument(input, {
      id,
      facilitators: old.facilitators,
      archived: old.archived,
      updatedAt: nextUpdate(old.updatedAt, now),
    });
    await save(tx, hub);
    const count = (await activeKiosks(tx, id)).length;
    const row = hubRow(hub, count);
    await recordAudit(
      tx,
      {
        actor,
        action: 'hub.update',
        target: { type: 'hub', id },
        hubId: id,
        before: hubRow(old, count),
        after: row,
      },
      now,
    );
    return row;
  });
}

/**
 * Archives a hub, or brings it back. A hub with kiosks still active is not archived: ApiFailure conflict (409)
 * whose `details.kiosks` lists them (id, name), so the page can offer to retire them first.
 */
export async function setArchived(
  db: Kysely<Database>,
  id: string,
  archived: boolean,
  actor: AuditActor,
  now = Date.now(),
): Promise<HubRow> {
  return db.transaction().execute(async (tx) => {
    const old = await existing(tx, id);
    const kiosks = await activeKiosks(tx, id);
    if (archived && kiosks.length > 0)
      throw new ApiFailure(
        'conflict',
        `la sede «${old.name}» ha ancora ${kiosks.length === 1 ? 'un totem attivo' : `${kiosks.length} totem attivi`}: ritirali prima di archiviarla`,
        { kiosks: kiosks.map((k) => ({ id: k.id, name: k.name })) },
      );
    if (old.archived === archived) return hubRow(old, kiosks.length);
    const hub = { ...old, archived, updatedAt: nextUpdate(old.updatedAt, now) };
    await save(tx, hub);
    await recordAudit(
      tx,
      {
        actor,
        action: archived ? 'hub.archive' : 'hub.unarchive',
        target: { type: 'hub', id },
        hubId: id,
        before: { archived: old.archived },
        after: { archived },
      },
      now,
    );
    return hubRow(hub, kiosks.length);
  });
}
