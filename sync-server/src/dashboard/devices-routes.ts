import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DEVICE_STALE_AFTER_MS,
  type Device,
  type DeviceList,
  type DeviceRow,
  type DeviceState,
  type DeviceStorageState,
  deviceAdminRoutes,
  enrolmentQrText,
  type Hub,
} from '@vigevano/protocol';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import { userActor } from '../audit/audit-log';
import { currentUser, requireUser } from '../auth/guard';
import {
  createAuditedEnrolmentCode,
  moveDevice,
  retireDevice,
  setDeviceTags,
  updateDevice,
} from '../devices/device-admin';
import { mediaHeldByDevice } from '../media/media-held';
import type { Store } from '../store/database';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';

/** The stored disk state, narrowed to what the protocol knows (anything else reads as unknown). */
function storageState(value: string | null | undefined): DeviceStorageState | null {
  return value === 'ok' || value === 'full' ? value : null;
}

/** Every kiosk with its health as the sync engine last recorded it (device_status). */
export async function deviceList(db: Kysely<Database>, now = Date.now()): Promise<DeviceList> {
  const [devices, hubs, status, details, media] = await Promise.all([
    listDocuments<Device>(db, 'devices'),
    listDocuments<Hub>(db, 'hubs'),
    db.selectFrom('device_status').selectAll().execute(),
    db.selectFrom('device_details').selectAll().execute(),
    mediaHeldByDevice(db),
  ]);
  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  const byDevice = new Map(status.map((s) => [s.device_id, s]));
  const detailsOf = new Map(details.map((d) => [d.device_id, d]));
  const num = (v: number | null | undefined) => (v == null ? null : Number(v));
  return {
    devices: devices
      .map((d) => {
        const s = byDevice.get(d.id);
        const x = detailsOf.get(d.id);
        const lastSeenAt = num(s?.last_seen_at);
        const state: DeviceState =
          x?.retired_at != null
            ? 'retired'
            : x?.moved_to_hub != null
              ? 'moved'
              : d.revoked
                ? 'revoked'
                : 'active';
        return {
          id: d.id,
          name: d.name,
          place: x?.place ?? null,
          hubId: d.hubId,
          hubName: hubName.get(d.hubId) ?? d.hubId,
          revoked: d.revoked,
          tags: d.tags ?? [],
          state,
          // a move's moment is the revocation's, which stamped the document
          endedAt: state === 'retired' ? num(x?.retired_at) : state === 'moved' ? d.updatedAt : null,
          movedToHubName: x?.moved_to_hub ? (hubName.get(x.moved_to_hub) ?? x.moved_to_hub) : null,
          enrolledAt: d.enrolledAt,
          lastSeenAt,
          lastPullAt: num(s?.last_pull_at),
          lastPushAt: num(s?.last_push_at),
          pendingPush: num(s?.pending_push),
          appVersion: s?.app_version ?? null,
          clockOffsetMs: num(s?.clock_offset_ms),
          storage: storageState(s?.storage_state),
          tooLarge:
            s?.too_large_count == null
              ? null
              : {
                  count: Number(s.too_large_count),
                  ids: s.too_large_ids ? s.too_large_ids.split(',') : [],
                },
          disk:
            s?.disk_free_mib == null || s.disk_total_mib == null
              ? null
              : { freeMiB: Number(s.disk_free_mib), totalMiB: Number(s.disk_total_mib) },
          media: media.get(d.id) ?? null,
          stale: !d.revoked && (lastSeenAt === null || now - lastSeenAt > DEVICE_STALE_AFTER_MS),
        };
      })
      .sort((a, b) => a.hubName.localeCompare(b.hubName, 'it') || a.name.localeCompare(b.name, 'it')),
    hubs: hubs
      .map((h) => ({ id: h.id, name: h.name, ...(h.archived ? { archived: true } : {}) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it')),
    staleAfterMs: DEVICE_STALE_AFTER_MS,
  };
}

/** One kiosk's row as the list shows it (after a change, the dashboard shows the row the server now holds). */
async function deviceRow(db: Kysely<Database>, deviceId: string): Promise<DeviceRow> {
  const row = (await deviceList(db)).devices.find((d) => d.id === deviceId);
  if (!row) throw new Error(`device ${deviceId} vanished`);
  return row;
}

/**
 * Kiosks: list with health; one-time enrolment codes with a QR to scan at the kiosk; rename, tags, move, retire
 * (devices/device-admin.ts; revocation: devices/routes). Every change is audited.
 */
export const devicesAdminPlugin: FastifyPluginAsyncTypebox<{ store: Store; publicUrl: string }> = async (
  app,
  { store, publicUrl },
) => {
  const admins = { preHandler: requireUser(store) };
  const withQr = async (code: { code: string; hubId: string; expiresAt: number }) => {
    const qrText = enrolmentQrText(publicUrl, code.code);
    const qrSvg = await QRCode.toString(qrText, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { ...code, qrText, qrSvg };
  };
  const actor = (request: FastifyRequest) => userActor(currentUser(request));
  app.get(deviceAdminRoutes.list.path, { ...admins, schema: deviceAdminRoutes.list.schema }, async () =>
    deviceList(store.db),
  );
  app.post(
    deviceAdminRoutes.enrolmentCode.path,
    { ...admins, schema: deviceAdminRoutes.enrolmentCode.schema },
    async (request) => {
      const code = await createAuditedEnrolmentCode(store.db, request.body, actor(request));
      request.log.info({ hubId: code.hubId, by: currentUser(request).id }, 'enrolment code created');
      return withQr(code);
    },
  );
  app.put(
    deviceAdminRoutes.update.path,
    { ...admins, schema: deviceAdminRoutes.update.schema },
    async (request) => {
      await updateDevice(store.db, request.params.deviceId, request.body, actor(request));
      return deviceRow(store.db, request.params.deviceId);
    },
  );
  app.put(
    deviceAdminRoutes.tags.path,
    { ...admins, schema: deviceAdminRoutes.tags.schema },
    async (request) => {
      await setDeviceTags(store.db, request.params.deviceId, request.body, actor(request));
      return deviceRow(store.db, request.params.deviceId);
    },
  );
  app.post(
    deviceAdminRoutes.move.path,
    { ...admins, schema: deviceAdminRoutes.move.schema },
    async (request) => {
      const code = await moveDevice(store.db, request.params.deviceId, request.body, actor(request));
      request.log.warn(
        { deviceId: request.params.deviceId, hubId: code.hubId, by: currentUser(request).id },
        'device moved: revoked, enrolment code for the new hub created',
      );
      return withQr(code);
    },
  );
  app.post(
    deviceAdminRoutes.retire.path,
    { ...admins, schema: deviceAdminRoutes.retire.schema },
    async (request) => {
      await retireDevice(store.db, request.params.deviceId, actor(request));
      request.log.warn({ deviceId: request.params.deviceId, by: currentUser(request).id }, 'device retired');
      return deviceRow(store.db, request.params.deviceId);
    },
  );
};
