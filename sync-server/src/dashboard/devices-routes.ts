import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DEVICE_STALE_AFTER_MS,
  type Device,
  type DeviceList,
  type DeviceStorageState,
  deviceAdminRoutes,
  enrolmentQrText,
  type Hub,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import { currentUser, requireUser } from '../auth/guard';
import { createEnrolmentCode } from '../devices/enrolment';
import type { Store } from '../store/database';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';

/** The stored disk state, narrowed to what the protocol knows (anything else reads as unknown). */
function storageState(value: string | null | undefined): DeviceStorageState | null {
  return value === 'ok' || value === 'full' ? value : null;
}

/** Every kiosk with its health as the sync engine last recorded it (device_status). */
export async function deviceList(db: Kysely<Database>, now = Date.now()): Promise<DeviceList> {
  const [devices, hubs, status] = await Promise.all([
    listDocuments<Device>(db, 'devices'),
    listDocuments<Hub>(db, 'hubs'),
    db.selectFrom('device_status').selectAll().execute(),
  ]);
  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  const byDevice = new Map(status.map((s) => [s.device_id, s]));
  const num = (v: number | null | undefined) => (v == null ? null : Number(v));
  return {
    devices: devices
      .map((d) => {
        const s = byDevice.get(d.id);
        const lastSeenAt = num(s?.last_seen_at);
        return {
          id: d.id,
          name: d.name,
          hubId: d.hubId,
          hubName: hubName.get(d.hubId) ?? d.hubId,
          revoked: d.revoked,
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
          stale: !d.revoked && (lastSeenAt === null || now - lastSeenAt > DEVICE_STALE_AFTER_MS),
        };
      })
      .sort((a, b) => a.hubName.localeCompare(b.hubName, 'it') || a.name.localeCompare(b.name, 'it')),
    hubs: hubs.map((h) => ({ id: h.id, name: h.name })).sort((a, b) => a.name.localeCompare(b.name, 'it')),
    staleAfterMs: DEVICE_STALE_AFTER_MS,
  };
}

/** Kiosks: list with health, one-time enrolment codes with a QR to scan at the kiosk (revocation: devices/routes). */
export const devicesAdminPlugin: FastifyPluginAsyncTypebox<{ store: Store; publicUrl: string }> = async (
  app,
  { store, publicUrl },
) => {
  const admins = { preHandler: requireUser(store) };
  app.get(deviceAdminRoutes.list.path, { ...admins, schema: deviceAdminRoutes.list.schema }, async () =>
    deviceList(store.db),
  );
  app.post(
    deviceAdminRoutes.enrolmentCode.path,
    { ...admins, schema: deviceAdminRoutes.enrolmentCode.schema },
    async (request) => {
      const code = await createEnrolmentCode(store.db, request.body.hubId, currentUser(request).id);
      const qrText = enrolmentQrText(publicUrl, code.code);
      const qrSvg = await QRCode.toString(qrText, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      request.log.info({ hubId: code.hubId, by: currentUser(request).id }, 'enrolment code created');
      return { ...code, qrText, qrSvg };
    },
  );
};
