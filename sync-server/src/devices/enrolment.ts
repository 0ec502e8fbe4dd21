import type { SigningKeyPair } from '@vigevano/protocol';
import { type Device, type EnrolRequest, type EnrolResponse, type Hub, keyIdOf } from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import type { AuditActor } from '../audit/audit-log';
import { newSecretToken, tokenHash } from '../auth/tokens';
import { ApiFailure } from '../http/api-failure';
import { getDocument, listDocuments, putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { lockChangeCounter } from '../sync/change-order';
import { recordDeviceAudit } from './device-audit';
import { newEnrolmentCode, normaliseEnrolmentCode } from './enrolment-code';

/** A code is valid for one day: long enough to walk to the hub, short enough not to linger on a sticky note. */
const ENROLMENT_CODE_TTL_MS = 24 * 3_600_000;

/**
 * A fresh one-time enrolment code for `hubId`, valid ENROLMENT_CODE_TTL_MS. `options.place` is where the kiosk that
 * spends it will stand, `options.replacesDevice` the identity it replaces (a kiosk moved from another hub): the
 * enrolment records both (device_details). Throws ApiFailure not_found for an unknown hub.
 */
export async function createEnrolmentCode(
  db: Kysely<Database>,
  hubId: string,
  createdBy: string | null,
  now = Date.now(),
  options: { place?: string | null; replacesDevice?: string | null } = {},
): Promise<{ code: string; hubId: string; expiresAt: number }> {
  if (!(await getDocument<Hub>(db, 'hubs', hubId)))
    throw new ApiFailure('not_found', `hub ${hubId} non esiste`);
  const code = newEnrolmentCode();
  const expiresAt = now + ENROLMENT_CODE_TTL_MS;
  await db
    .insertInto('enrolment_codes')
    .values({
      code_hash: tokenHash(code),
      hub_id: hubId,
      created_by: createdBy,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
      used_by_device: null,
      place: options.place ?? null,
      replaces_device: options.replacesDevice ?? null,
    })
    .execute();
  return { code, hubId, expiresAt };
}

/**
 * Exchanges a one-time code for a device identity. The code is spent in the same transaction that creates the
 * device, guarded by `used_at IS NULL`, so two kiosks racing with one code get one identity between them.
 */
/** What enrolment makes of a code; the route adds the city's configuration (the release key) to answer it. */
export type DeviceCredentials = Omit<EnrolResponse, 'releasePublicKey'>;

export function enrolDevice(
  db: Kysely<Database>,
  request: EnrolRequest,
  serverKey: SigningKeyPair,
  now = Date.now(),
): Promise<DeviceCredentials> {
  return db.transaction().execute((tx) => enrolDeviceInTransaction(tx, request, serverKey, now));
}

/** enrolDevice's work inside a transaction the caller holds (the demo seed enrols its kiosks in its own). */
export async function enrolDeviceInTransaction(
  tx: Transaction<Database>,
  request: EnrolRequest,
  serverKey: SigningKeyPair,
  now: number,
): Promise<DeviceCredentials> {
  const codeHash = tokenHash(normaliseEnrolmentCode(request.code));
  const deviceId = ulid(now);
  const token = newSecretToken();
  const spent = await tx
    .updateTable('enrolment_codes')
    .set({ used_at: now, used_by_device: deviceId })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['hub_id', 'place', 'replaces_device'])
    .executeTakeFirst();
  if (!spent)
    throw new ApiFailure('enrolment_code_invalid', 'codice di registrazione non valido, già usato o scaduto');
  // Checked after the code, so only a holder of a valid code learns whether a key is in use; the throw rolls the
  // spent code back. The devices' change-counter lock makes concurrent enrolments check one after the other: on
  // PostgreSQL two racing with the same new key would otherwise both find it unused.
  await lockChangeCounter(tx, 'devices');
  await assertPublicKeyUnused(tx, request.publicKey, serverKey);
  const device: Device = {
    id: deviceId,
    hubId: spent.hub_id,
    name: request.name.trim(),
    publicKey: request.publicKey,
    keyId: keyIdOf(request.publicKey),
    revoked: false,
    enrolledAt: now,
    updatedAt: now,
  };
  await putDocuments(tx, [{ collection: 'devices', hubId: device.hubId, at: now, body: device }]);
  await tx
    .insertInto('device_credentials')
    .values({ device_id: deviceId, token_hash: tokenHash(token), revoked: 0, created_at: now })
    .execute();
  const place = spent.place ?? null;
  const replaces = spent.replaces_device ?? null;
  if (place !== null || replaces !== null)
    await tx
      .insertInto('device_details')
      .values({
        device_id: deviceId,
        place,
        replaces_device: replaces,
        retired_at: null,
        retired_by: null,
        moved_to_hub: null,
      })
      .execute();
  // The kiosk spends a code a coordinator made (that is audited too): the server records what it let in.
  await recordDeviceAudit(
    tx,
    { kind: 'system', reason: 'registrazione con codice' },
    'device.enrol',
    device,
    { after: { name: device.name, place, hubId: device.hubId, keyId: device.keyId, replaces } },
    now,
  );
  return {
    deviceId,
    hubId: device.hubId,
    token,
    serverPublicKey: serverKey.publicKey,
    serverKeyId: serverKey.keyId,
  };
}

/**
 * Refuses a public key that already signs cards here: another device's (revoked ones too: their cards stay on
 * record) or the server's. Kiosks find a card's issuer by the key id alone, so a second device with the same key
 * would issue cards indistinguishable from the first's, and a copy of the server's key would pass for the city.
 * Throws ApiFailure conflict (409).
 */
async function assertPublicKeyUnused(
  db: Kysely<Database>,
  publicKey: string,
  serverKey: Pick<SigningKeyPair, 'keyId' | 'publicKey'>,
): Promise<void> {
  const keyId = keyIdOf(publicKey);
  const inUse =
    keyId === serverKey.keyId ||
    publicKey === serverKey.publicKey ||
    (await listDocuments<Device>(db, 'devices')).some((d) => d.keyId === keyId || d.publicKey === publicKey);
  if (inUse)
    throw new ApiFailure(
      'conflict',
      'questa chiave pubblica è già in uso (da un altro dispositivo o dal server): il chiosco deve generarne una nuova',
      { keyId },
    );
}

export interface AuthenticatedDevice {
  deviceId: string;
  hubId: string;
}

/** The device a bearer token belongs to; a revoked device is refused at once, whatever it asks. */
export async function authenticateDevice(db: Kysely<Database>, token: string): Promise<AuthenticatedDevice> {
  const credential = await db
    .selectFrom('device_credentials')
    .select(['device_id', 'revoked'])
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!credential) throw new ApiFailure('unauthorized', 'device token not recognised');
  if (credential.revoked)
    throw new ApiFailure('device_revoked', 'this kiosk has been revoked; enrol it again');
  const device = await getDocument<Device>(db, 'devices', credential.device_id);
  if (!device) throw new ApiFailure('unauthorized', 'device not found');
  return { deviceId: device.id, hubId: device.hubId };
}

/**
 * Revokes a device: its token stops working and its document says so (kiosks then stop trusting cards it issues
 * from then on). With an `actor` (every route passes one) the revocation is audited as `device.revoke` in the
 * same transaction; tests that revoke directly pass none. Throws ApiFailure not_found for an unknown device.
 */
export async function revokeDevice(
  db: Kysely<Database>,
  deviceId: string,
  actor?: AuditActor,
  now = Date.now(),
): Promise<Device> {
  const work = async (tx: Transaction<Database>) => {
    const device = await revokeInTransaction(tx, deviceId, now);
    if (actor)
      await recordDeviceAudit(
        tx,
        actor,
        'device.revoke',
        device,
        { before: { revoked: false }, after: { revoked: true } },
        now,
      );
    return device;
  };
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/** revokeDevice's work in the caller's transaction, unaudited (the caller records its own action). */
export async function revokeInTransaction(
  tx: Transaction<Database>,
  deviceId: string,
  now: number,
): Promise<Device> {
  const device = await getDocument<Device>(tx, 'devices', deviceId);
  if (!device) throw new ApiFailure('not_found', `il totem ${deviceId} non esiste`);
  await tx.updateTable('device_credentials').set({ revoked: 1 }).where('device_id', '=', deviceId).execute();
  const revoked = { ...device, revoked: true, updatedAt: Math.max(now, device.updatedAt + 1) };
  await putDocuments(tx, [
    { collection: 'devices', hubId: device.hubId, at: device.enrolledAt, body: revoked },
  ]);
  return revoked;
}
