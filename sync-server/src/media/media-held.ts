import type { MediaHeldReport } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/** What a kiosk last said it holds for offline play, as the dashboard's Totem page shows it. */
export interface MediaHeld {
  files: number;
  bytes: number;
  budgetBytes: number;
  reportedAt: number;
}

/** Replaces a kiosk's report of the media files it holds (one row per kiosk). */
export async function recordMediaHeld(
  db: Kysely<Database>,
  deviceId: string,
  report: MediaHeldReport,
  now = Date.now(),
): Promise<void> {
  const row = {
    budget_bytes: report.budgetBytes,
    file_count: report.files.length,
    total_bytes: report.files.reduce((sum, f) => sum + f.bytes, 0),
    files_json: JSON.stringify(report.files),
    reported_at: now,
  };
  await db
    .insertInto('device_media')
    .values({ device_id: deviceId, ...row })
    .onConflict((oc) => oc.column('device_id').doUpdateSet(row))
    .execute();
}

/** Every kiosk's last report, by device id. */
export async function mediaHeldByDevice(db: Kysely<Database>): Promise<Map<string, MediaHeld>> {
  const rows = await db.selectFrom('device_media').selectAll().execute();
  return new Map(
    rows.map((r) => [
      r.device_id,
      {
        files: Number(r.file_count),
        bytes: Number(r.total_bytes),
        budgetBytes: Number(r.budget_bytes),
        reportedAt: Number(r.reported_at),
      },
    ]),
  );
}
