import type { Kysely } from 'kysely';
import type { AuditActor } from '../audit/audit-log';
import { recordAudit } from '../audit/audit-log';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';

/** The areas hubs may be in, in Italian alphabetical order (migration 0012 seeds Centro, Ticino, Sforzesca). */
export async function listAreas(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('hub_areas').select('name').execute();
  return rows.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'it'));
}

/** Adds an area; refuses (400, field `/name`) one that is there already whatever its case. */
export async function addArea(db: Kysely<Database>, name: string, actor: AuditActor, now = Date.now()) {
  const trimmed = name.trim();
  if (trimmed === '') throw fieldFailure('validation_failed', '/name', 'blank', 'il nome della zona è vuoto');
  await db.transaction().execute(async (tx) => {
    const existing = await listAreas(tx);
    const same = existing.find((a) => a.toLocaleLowerCase('it') === trimmed.toLocaleLowerCase('it'));
    if (same) throw fieldFailure('validation_failed', '/name', 'duplicate', `la zona «${same}» esiste già`);
    await tx.insertInto('hub_areas').values({ name: trimmed, created_at: now }).execute();
    await recordAudit(
      tx,
      { actor, action: 'area.create', target: { type: 'area', id: trimmed }, after: { name: trimmed } },
      now,
    );
  });
}

/** Removes an area; refuses (409) one a hub is still in, and (404) one that is not in the list. */
export async function removeArea(db: Kysely<Database>, name: string, actor: AuditActor, now = Date.now()) {
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('hub_areas').select('name').where('name', '=', name).executeTakeFirst();
    if (!row) throw new ApiFailure('not_found', `la zona «${name}» non esiste`);
    const hubs = (await listDocuments<{ name: string; area: string }>(tx, 'hubs')).filter(
      (h) => h.area === name,
    );
    if (hubs.length > 0)
      throw new ApiFailure(
        'conflict',
        `la zona «${name}» ha ancora delle sedi: ${hubs.map((h) => h.name).join(', ')}`,
        { hubs: hubs.map((h) => h.name) },
      );
    await tx.deleteFrom('hub_areas').where('name', '=', name).execute();
    await recordAudit(
      tx,
      { actor, action: 'area.remove', target: { type: 'area', id: name }, before: { name } },
      now,
    );
  });
}
