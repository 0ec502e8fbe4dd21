import {
  type Card,
  type FacilitatorInput,
  type FacilitatorRow,
  facilitatorPinProblem,
  type Hub,
  type HubFacilitator,
  hashFacilitatorPin,
  type NewFacilitator,
  type SessionUser,
  verifyFacilitatorPin,
} from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import { getDocument, putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { nextUpdate } from './hub-store';
import { assertManages, manages } from './managed-hubs';

type Db = Kysely<Database> | Transaction<Database>;
type Actor = Pick<SessionUser, 'id' | 'email' | 'role' | 'hubIds'>;
type FacilitatorRecord = Database['facilitators'] & { hubIds: string[] };

const auditActor = (user: Actor): AuditActor => ({ kind: 'user', user: { id: user.id, email: user.email } });

async function records(db: Db, ids?: readonly string[]): Promise<FacilitatorRecord[]> {
  let query = db.selectFrom('facilitators').selectAll();
  if (ids) query = query.where('id', 'in', ids.length > 0 ? [...ids] : ['']);
  const rows = await query.orderBy('name').execute();
  const links = await db.selectFrom('facilitator_hubs').selectAll().execute();
  return rows.map((r) => ({
    ...r,
    pin_cost: r.pin_cost === null ? null : Number(r.pin_cost),
    pin_set_at: r.pin_set_at === null ? null : Number(r.pin_set_at),
    hubIds: links
      .filter((l) => l.facilitator_id === r.id)
      .map((l) => l.hub_id)
      .sort(),
  }));
}

async function record(db: Db, id: string): Promise<FacilitatorRecord> {
  const [found] = await records(db, [id]);
  if (!found) throw new ApiFailure('not_found', `il facilitatore ${id} non esiste`);
  return found;
}

function row(r: FacilitatorRecord, user: Actor): FacilitatorRow {
  return {
    id: r.id,
    name: r.name,
    hubIds: r.hubIds,
    pinSetAt: r.pin_set_at,
    cardId: r.card_id,
    editable: manages(user, r.hubIds),
  };
}

/** Links facilitator `id` to exactly `hubIds` (replacing any earlier links). */
async function linkHubs(tx: Transaction<Database>, id: string, hubIds: readonly string[]): Promise<void> {
  await tx.deleteFrom('facilitator_hubs').where('facilitator_id', '=', id).execute();
  for (const hubId of hubIds)
    await tx.insertInto('facilitator_hubs').values({ facilitator_id: id, hub_id: hubId }).execute();
}

/** One audit entry about facilitator `id` (its first hub names it for a hub lead's filter). */
function auditFacilitator(
  tx: Transaction<Database>,
  user: Actor,
  action: string,
  id: string,
  hubIds: readonly string[],
  change: { before?: unknown; after?: unknown },
  now: number,
) {
  const entry = {
    actor: auditActor(user),
    action,
    target: { type: 'facilitator', id },
    hubId: hubIds[0] ?? null,
  };
  return recordAudit(tx, { ...entry, ...change }, now);
}

/**
 * Runs `change` in one transaction on facilitator `id` as stored, once `user` is known to manage every hub of
 * theirs (ApiFailure not_found, 404, or forbidden, 403, otherwise).
 */
async function changeFacilitator<T>(
  db: Kysely<Database>,
  id: string,
  user: Actor,
  change: (tx: Transaction<Database>, old: FacilitatorRecord) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const old = await record(tx, id);
    assertManages(user, old.hubIds);
    return change(tx, old);
  });
}

/** What the audit log keeps of a facilitator: never the PIN or its hash. */
const audited = (r: FacilitatorRecord) => ({ name: r.name, hubIds: r.hubIds, cardId: r.card_id });

/** The facilitators `user` may see: all for the admin and coordinators, those of their hub for a hub lead. */
export async function listFacilitators(db: Kysely<Database>, user: Actor): Promise<FacilitatorRow[]> {
  const all = await records(db);
  return all
    .filter((r) => user.role !== 'hub_lead' || r.hubIds.some((h) => manages(user, [h])))
    .map((r) => row(r, user));
}

/** Refuses hubs that do not exist or are archived (400, field `/hubIds`). */
async function checkHubs(db: Db, hubIds: readonly string[]): Promise<void> {
  for (const id of hubIds) {
    const hub = await getDocument<Hub>(db, 'hubs', id);
    if (!hub) throw fieldFailure('validation_failed', '/hubIds', 'unknown_hub', `la sede ${id} non esiste`);
    if (hub.archived)
      throw fieldFailure(
        'validation_failed',
        '/hubIds',
        'archived_hub',
        `la sede «${hub.name}» è archiviata`,
      );
  }
}

/**
 * Refuses a weak PIN (facilitator/pin-strength.ts), and one that another facilitator of the same hubs already
 * has: a kiosk opens facilitator mode as the PIN's owner, so a PIN must name one facilitator at each hub. The
 * comparison costs one scrypt per facilitator sharing a hub (about 0.1 s each), on purpose.
 */
async function checkPin(db: Db, pin: string, hubIds: readonly string[], selfId?: string): Promise<void> {
  const problem = facilitatorPinProblem(pin);
  if (problem) throw fieldFailure('validation_failed', '/pin', 'weak_pin', problem);
  const others = (await records(db)).filter(
    (r) => r.id !== selfId && r.hubIds.some((h) => hubIds.includes(h)),
  );
  for (const other of others)
    if (
      other.pin_hash &&
      other.pin_salt &&
      other.pin_cost &&
      verifyFacilitatorPin(pin, { salt: other.pin_salt, hash: other.pin_hash, cost: other.pin_cost })
    )
      throw fieldFailure(
        'validation_failed',
        '/pin',
        'duplicate',
        'questo PIN è già usato da un altro facilitatore della sede: scegline un altro',
      );
}

/**
 * Writes each hub's `facilitators` array again from the tables (name and PIN hash of everyone linked to it), so
 * its kiosks receive the change through replication; hubs whose array is unchanged are left as they are.
 */
async function publishToHubs(
  tx: Transaction<Database>,
  hubIds: Iterable<string>,
  now: number,
): Promise<void> {
  const all = await records(tx);
  for (const hubId of new Set(hubIds)) {
    const hub = await getDocument<Hub>(tx, 'hubs', hubId);
    if (!hub) continue;
    const facilitators: HubFacilitator[] = all
      .filter((r) => r.hubIds.includes(hubId))
      .map((r) => ({
        id: r.id,
        name: r.name,
        ...(r.pin_hash && r.pin_salt && r.pin_cost
          ? { pin: { salt: r.pin_salt, hash: r.pin_hash, cost: r.pin_cost } }
          : {}),
      }));
    if (JSON.stringify(facilitators) === JSON.stringify(hub.facilitators)) continue;
    const body = { ...hub, facilitators, updatedAt: nextUpdate(hub.updatedAt, now) };
    await putDocuments(tx, [{ collection: 'hubs', hubId, at: null, body }]);
  }
}

/** Gives the facilitator's card facilitator mode at exactly `hubIds` (none: back to a visitor's card). */
async function grantCardHubs(tx: Transaction<Database>, cardId: string, hubIds: string[], now: number) {
  const card = await getDocument<Card>(tx, 'cards', cardId);
  if (!card) return;
  const { role: _role, facilitatorHubs: _hubs, ...rest } = card;
  const body: Card = {
    ...rest,
    ...(hubIds.length > 0
      ? { role: 'facilitator' as const, facilitatorHubs: hubIds }
      : { role: 'visitor' as const }),
    updatedAt: nextUpdate(card.updatedAt, now),
  };
  await putDocuments(tx, [{ collection: 'cards', hubId: card.hubId, at: card.issuedAt, body }]);
}

/** A new facilitator of `hubIds` with a PIN; the hubs' kiosks receive its scrypt hash. */
export async function createFacilitator(
  db: Kysely<Database>,
  input: NewFacilitator,
  user: Actor,
  now = Date.now(),
): Promise<FacilitatorRow> {
  assertManages(user, input.hubIds);
  return db.transaction().execute(async (tx) => {
    await checkHubs(tx, input.hubIds);
    await checkPin(tx, input.pin, input.hubIds);
    const pin = hashFacilitatorPin(input.pin);
    const id = ulid(now);
    await tx
      .insertInto('facilitators')
      .values({
        id,
        name: input.name.trim(),
        pin_salt: pin.salt,
        pin_hash: pin.hash,
        pin_cost: pin.cost,
        pin_set_at: now,
        card_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await linkHubs(tx, id, input.hubIds);
    await publishToHubs(tx, input.hubIds, now);
    const created = await record(tx, id);
    await auditFacilitator(
      tx,
      user,
      'facilitator.create',
      id,
      input.hubIds,
      { after: audited(created) },
      now,
    );
    return row(created, user);
  });
}

/** Renames a facilitator or changes their hubs: kiosks of a hub no longer theirs stop accepting their PIN. */
export async function updateFacilitator(
  db: Kysely<Database>,
  id: string,
  input: FacilitatorInput,
  user: Actor,
  now = Date.now(),
): Promise<FacilitatorRow> {
  return changeFacilitator(db, id, user, async (tx, old) => {
    assertManages(user, input.hubIds);
    const added = input.hubIds.filter((h) => !old.hubIds.includes(h));
    await checkHubs(tx, added);
    await tx
      .updateTable('facilitators')
      .set({ name: input.name.trim(), updated_at: now })
      .where('id', '=', id)
      .execute();
    await linkHubs(tx, id, input.hubIds);
    await publishToHubs(tx, [...old.hubIds, ...input.hubIds], now);
    const updated = await record(tx, id);
    if (updated.card_id) await grantCardHubs(tx, updated.card_id, updated.hubIds, now);
    await auditFacilitator(
      tx,
      user,
      'facilitator.update',
      id,
      updated.hubIds,
      { before: audited(old), after: audited(updated) },
      now,
    );
    return row(updated, user);
  });
}

/** Sets or rotates a facilitator's PIN: the old one stops opening the kiosks as soon as they sync. */
export async function setFacilitatorPin(
  db: Kysely<Database>,
  id: string,
  pin: string,
  user: Actor,
  now = Date.now(),
): Promise<FacilitatorRow> {
  return changeFacilitator(db, id, user, async (tx, old) => {
    await checkPin(tx, pin, old.hubIds, id);
    const hashed = hashFacilitatorPin(pin);
    await tx
      .updateTable('facilitators')
      .set({
        pin_salt: hashed.salt,
        pin_hash: hashed.hash,
        pin_cost: hashed.cost,
        pin_set_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await publishToHubs(tx, old.hubIds, now);
    await auditFacilitator(
      tx,
      user,
      'facilitator.pin_set',
      id,
      old.hubIds,
      { after: { pinSetAt: now } },
      now,
    );
    return row(await record(tx, id), user);
  });
}

/**
 * Makes a card the facilitator's: the card opens facilitator mode at the facilitator's hubs (cards' `role` and
 * `facilitatorHubs` are fields only the server writes). A card they had before goes back to a visitor's card.
 */
export async function grantFacilitatorCard(
  db: Kysely<Database>,
  id: string,
  cardId: string,
  user: Actor,
  now = Date.now(),
): Promise<FacilitatorRow> {
  return changeFacilitator(db, id, user, async (tx, old) => {
    const card = await getDocument<Card>(tx, 'cards', cardId);
    if (!card)
      throw fieldFailure('validation_failed', '/cardId', 'unknown_card', `la tessera ${cardId} non esiste`);
    if (card.revoked) throw fieldFailure('validation_failed', '/cardId', 'revoked', 'la tessera è revocata');
    if (old.card_id && old.card_id !== cardId) await grantCardHubs(tx, old.card_id, [], now);
    await grantCardHubs(tx, cardId, old.hubIds, now);
    await tx
      .updateTable('facilitators')
      .set({ card_id: cardId, updated_at: now })
      .where('id', '=', id)
      .execute();
    const updated = await record(tx, id);
    await auditFacilitator(
      tx,
      user,
      'facilitator.card_grant',
      id,
      old.hubIds,
      { before: audited(old), after: audited(updated) },
      now,
    );
    return row(updated, user);
  });
}
