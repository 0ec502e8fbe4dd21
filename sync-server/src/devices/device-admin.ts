import {
  DEVICE_NAME_MAX,
  DEVICE_TAG_PATTERN,
  type Device,
  type DeviceDetailsRequest,
  type MoveDeviceRequest,
} from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit, type UserActor } from '../audit/audit-log';
import { ApiFailure } from '../http/api-failure';
import { hubTakingNew } from '../hubs/active-hub';
import { getDocument, putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { recordDeviceAudit } from './device-audit';
import { createEnrolmentCode, revokeInTransaction } from './enrolment';

// Kiosk administration from the dashboard (issue 15, item 5): name and place, move to another hub, retire. Each
// action is one transaction with its audit entry; a refusal (unknown kiosk or hub, empty name, a kiosk already
// out of service) is an ApiFailure with an Italian message, thrown before anything is written.

type Details = Database['device_details'];

/** A kiosk's server-only details (device_details), or an empty set when it has none yet. */
async function deviceDetails(db: Kysely<Database>, deviceId: string): Promise<Details> {
  const row = await db
    .selectFrom('device_details')
    .selectAll()
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return (
    row ?? {
      device_id: deviceId,
      place: null,
      retired_at: null,
      retired_by: null,
      moved_to_hub: null,
      replaces_device: null,
    }
  );
}

async function saveDetails(tx: Transaction<Database>, details: Details): Promise<void> {
  const { device_id: _id, ...changes } = details;
  await tx
    .insertInto('device_details')
    .values(details)
    .onConflict((oc) => oc.column('device_id').doUpdateSet(changes))
    .execute();
}

/** A place as stored: trimmed, null when empty. */
const placeOf = (place: string | undefined | null) => place?.trim() || null;

/** The kiosk, or not_found; `active` also refuses one that is retired, moved or revoked (conflict). */
async function existingDevice(
  db: Kysely<Database>,
  deviceId: string,
): Promise<{ device: Device; details: Details }> {
  const device = await getDocument<Device>(db, 'devices', deviceId);
  if (!device) throw new ApiFailure('not_found', `il totem ${deviceId} non esiste`);
  return { device, details: await deviceDetails(db, deviceId) };
}

function assertInService(device: Device, details: Details): void {
  if (details.retired_at != null)
    throw new ApiFailure('conflict', `il totem "${device.name}" è già ritirato`);
  if (details.moved_to_hub != null)
    throw new ApiFailure('conflict', `il totem "${device.name}" è già stato spostato in un altro hub`);
  if (device.revoked) throw new ApiFailure('conflict', `il totem "${device.name}" è revocato`);
}

/** The hub a kiosk is to join (hubs/active-hub.ts): not_found for an unknown one, validation_failed if archived. */
const existingHub = (db: Kysely<Database>, hubId: string) => hubTakingNew(db, hubId, 'totem');

/**
 * A one-time enrolment code for a hub (devices/enrolment.ts), audited as `device.enrolment_code` (the code itself
 * is not recorded: it is a credential until spent). Throws ApiFailure not_found for an unknown hub, validation_failed
 * (path `/hubId`) for an archived one.
 */
export async function createAuditedEnrolmentCode(
  db: Kysely<Database>,
  input: { hubId: string; place?: string },
  actor: UserActor,
  now = Date.now(),
): Promise<{ code: string; hubId: string; expiresAt: number }> {
  await existingHub(db, input.hubId);
  const place = placeOf(input.place);
  return db.transaction().execute(async (tx) => {
    const code = await createEnrolmentCode(tx, input.hubId, actor.user.id, now, { place });
    await recordAudit(
      tx,
      {
        actor,
        action: 'device.enrolment_code',
        target: { type: 'hub', id: input.hubId },
        hubId: input.hubId,
        after: { hubId: input.hubId, place, expiresAt: code.expiresAt },
      },
      now,
    );
    return code;
  });
}

/**
 * Renames a kiosk and sets its place. The name is in the kiosk's replicated document, so the kiosk receives it
 * at its next sync; the place stays on the server. Audited as `device.update`; nothing is written (and nothing
 * recorded) when neither changes. Throws ApiFailure validation_failed for an empty name, not_found for an
 * unknown kiosk, conflict for one out of service.
 */
export async function updateDevice(
  db: Kysely<Database>,
  deviceId: string,
  input: DeviceDetailsRequest,
  actor: AuditActor,
  now = Date.now(),
): Promise<void> {
  const name = input.name.trim();
  if (name === '')
    throw new ApiFailure('validation_failed', 'il nome del totem non può essere vuoto', [
      { path: '/name', message: 'scrivi un nome' },
    ]);
  if (name.length > DEVICE_NAME_MAX)
    throw new ApiFailure(
      'validation_failed',
      `il nome del totem è troppo lungo (al massimo ${DEVICE_NAME_MAX})`,
    );
  const place = placeOf(input.place);
  await db.transaction().execute(async (tx) => {
    const { device, details } = await existingDevice(tx, deviceId);
    assertInService(device, details);
    if (device.name === name && details.place === place) return;
    if (device.name !== name)
      await putDocuments(tx, [
        {
          collection: 'devices',
          hubId: device.hubId,
          at: device.enrolledAt,
          body: { ...device, name, updatedAt: Math.max(now, device.updatedAt + 1) },
        },
      ]);
    await saveDetails(tx, { ...details, place });
    await recordDeviceAudit(
      tx,
      actor,
      'device.update',
      device,
      { before: { name: device.name, place: details.place }, after: { name, place } },
      now,
    );
  });
}

const TAG = new RegExp(DEVICE_TAG_PATTERN);

/**
 * Sets the kiosk groups (tags) of a kiosk, replacing the ones it had: trimmed, lower-cased, each matching
 * DEVICE_TAG_PATTERN, no more than 20. The tags are in the kiosk's replicated document, so the kiosk hears of them
 * at its next sync and shows the items aimed at its groups. Audited as `device.tags_set`; nothing is written when
 * they do not change. Throws ApiFailure validation_failed (path `/tags`) naming a bad tag, not_found for an unknown
 * kiosk, conflict for one out of service.
 */
export async function setDeviceTags(
  db: Kysely<Database>,
  deviceId: string,
  input: { tags: readonly string[] },
  actor: AuditActor,
  now = Date.now(),
): Promise<void> {
  const tags = [...new Set(input.tags.map((t) => t.trim().toLowerCase()))].sort();
  const bad = tags.find((t) => !TAG.test(t));
  if (bad !== undefined)
    throw new ApiFailure(
      'validation_failed',
      `gruppo "${bad}" non valido: usa lettere minuscole, cifre e trattini (al massimo 32, senza spazi)`,
      [{ path: '/tags', message: `"${bad}" non è un nome di gruppo valido` }],
    );
  if (tags.length > 20)
    throw new ApiFailure('validation_failed', 'al massimo 20 gruppi per totem', [
      { path: '/tags', message: 'troppi gruppi' },
    ]);
  await db.transaction().execute(async (tx) => {
    const { device, details } = await existingDevice(tx, deviceId);
    assertInService(device, details);
    const before = device.tags ?? [];
    if (before.join(',') === tags.join(',')) return;
    const { tags: _old, ...rest } = device;
    await putDocuments(tx, [
      {
        collection: 'devices',
        hubId: device.hubId,
        at: device.enrolledAt,
        // no tags: the field is left out, as a version 0 document has it
        body: {
          ...rest,
          ...(tags.length > 0 ? { tags } : {}),
          updatedAt: Math.max(now, device.updatedAt + 1),
        },
      },
    ]);
    await recordDeviceAudit(
      tx,
      actor,
      'device.tags_set',
      device,
      { before: { tags: before }, after: { tags } },
      now,
    );
  });
}

/**
 * Moves a kiosk to another hub. A kiosk's identity belongs to one hub (it reads and writes that hub's data), so a
 * move is a re-enrolment: this identity is revoked now (it keeps its history, marked as moved) and a one-time
 * enrolment code for the new hub is made, carrying the place; the kiosk, enrolled again with it, comes back under
 * a new identity. Audited as `device.move`, in one transaction with the revocation and the code. Throws
 * ApiFailure not_found (kiosk or hub), validation_failed (an archived hub), conflict (out of service, or already
 * at that hub).
 */
export async function moveDevice(
  db: Kysely<Database>,
  deviceId: string,
  input: MoveDeviceRequest,
  actor: UserActor,
  now = Date.now(),
): Promise<{ code: string; hubId: string; expiresAt: number }> {
  const hub = await existingHub(db, input.hubId);
  return db.transaction().execute(async (tx) => {
    const { device, details } = await existingDevice(tx, deviceId);
    assertInService(device, details);
    if (device.hubId === hub.id)
      throw new ApiFailure('conflict', `il totem "${device.name}" è già nell'hub ${hub.name}`, [
        { path: '/hubId', message: 'scegli un altro hub' },
      ]);
    const place = input.place === undefined ? details.place : placeOf(input.place);
    await revokeInTransaction(tx, deviceId, now);
    await saveDetails(tx, { ...details, moved_to_hub: hub.id });
    const code = await createEnrolmentCode(tx, hub.id, actor.user.id, now, {
      place,
      replacesDevice: deviceId,
    });
    const before = { hubId: device.hubId, name: device.name, place: details.place, revoked: false };
    const after = { hubId: hub.id, place, revoked: true, enrolmentCodeExpiresAt: code.expiresAt };
    await recordDeviceAudit(tx, actor, 'device.move', device, { before, after }, now);
    return code;
  });
}

/**
 * Retires a kiosk for good: revoked (if it was not already: a lost kiosk, revoked at once, is retired once given
 * up), and marked retired; its document, its check-ins and the cards it issued stay. Audited as `device.retire`.
 * Throws ApiFailure not_found, or conflict for a kiosk already retired or moved.
 */
export async function retireDevice(
  db: Kysely<Database>,
  deviceId: string,
  actor: UserActor,
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const { device, details } = await existingDevice(tx, deviceId);
    if (details.retired_at != null)
      throw new ApiFailure('conflict', `il totem "${device.name}" è già ritirato`);
    if (details.moved_to_hub != null)
      throw new ApiFailure('conflict', `il totem "${device.name}" è stato spostato: non si può ritirare`);
    if (!device.revoked) await revokeInTransaction(tx, deviceId, now);
    await saveDetails(tx, { ...details, retired_at: now, retired_by: actor.user.id });
    const kept = { name: device.name, place: details.place };
    const states = {
      before: { ...kept, revoked: device.revoked, retired: false },
      after: { ...kept, revoked: true, retired: true },
    };
    await recordDeviceAudit(tx, actor, 'device.retire', device, states, now);
  });
}
