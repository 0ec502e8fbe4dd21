import type { Transaction } from 'kysely';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import type { Database } from '../store/schema';

/**
 * Records an action on a kiosk (`device.<verb>`) in the audit log, in the transaction that makes it: the target is
 * the device, the hub the one it belonged to when the action was taken.
 */
export function recordDeviceAudit(
  tx: Transaction<Database>,
  actor: AuditActor,
  action: `device.${string}`,
  device: { id: string; hubId: string },
  states: { before?: unknown; after?: unknown },
  now: number,
): Promise<string> {
  return recordAudit(
    tx,
    { actor, action, target: { type: 'device', id: device.id }, hubId: device.hubId, ...states },
    now,
  );
}
