import type { Kysely } from 'kysely';
import type { AuthenticatedDevice } from '../devices/enrolment';
import type { Database } from '../store/schema';
import type { DeviceReport } from './request';

/**
 * Records what the server learns of a kiosk on each authenticated sync request (the dashboard's Devices page and
 * "city now" read it): when it was seen, pulled and pushed, its app version, its clock offset (device time header
 * minus server time: positive means the kiosk is ahead), how many documents it still has to push, whether its disk
 * is full, how much space its data disk has left, and which documents it cannot push at all (too large). What a request does not say is kept.
 */
export async function recordDeviceStatus(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  report: DeviceReport,
  activity: 'pull' | 'push' | 'stream' | 'report',
  now = Date.now(),
): Promise<void> {
  const row = {
    device_id: device.deviceId,
    last_seen_at: now,
    last_pull_at: activity === 'pull' ? now : null,
    last_push_at: activity === 'push' ? now : null,
    app_version: report.appVersion,
    clock_offset_ms: report.deviceTime === null ? null : report.deviceTime - now,
    pending_push: report.pending,
    storage_state: report.storage,
    too_large_count: report.tooLarge?.count ?? null,
    too_large_ids: report.tooLarge ? report.tooLarge.ids.join(',') : null,
    disk_free_mib: report.disk?.freeMiB ?? null,
    disk_total_mib: report.disk?.totalMiB ?? null,
  };
  await db
    .insertInto('device_status')
    .values(row)
    .onConflict((oc) =>
      oc.column('device_id').doUpdateSet((eb) => ({
        last_seen_at: now,
        // Keep what this request does not tell: a pull says nothing of the last push, a bare stream of neither.
        last_pull_at: eb.fn.coalesce('excluded.last_pull_at', 'device_status.last_pull_at'),
        last_push_at: eb.fn.coalesce('excluded.last_push_at', 'device_status.last_push_at'),
        app_version: eb.fn.coalesce('excluded.app_version', 'device_status.app_version'),
        clock_offset_ms: eb.fn.coalesce('excluded.clock_offset_ms', 'device_status.clock_offset_ms'),
        pending_push: eb.fn.coalesce('excluded.pending_push', 'device_status.pending_push'),
        storage_state: eb.fn.coalesce('excluded.storage_state', 'device_status.storage_state'),
        too_large_count: eb.fn.coalesce('excluded.too_large_count', 'device_status.too_large_count'),
        too_large_ids: eb.fn.coalesce('excluded.too_large_ids', 'device_status.too_large_ids'),
        disk_free_mib: eb.fn.coalesce('excluded.disk_free_mib', 'device_status.disk_free_mib'),
        disk_total_mib: eb.fn.coalesce('excluded.disk_total_mib', 'device_status.disk_total_mib'),
      })),
    )
    .execute();
}
