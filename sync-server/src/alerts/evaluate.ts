import { type Alert, type DeviceRow, isClockSkewed } from '@vigevano/protocol';
import type { AlertConfig } from '../config-observability';
import type { ReportLag } from '../observability/metrics';

/** What the alerts are judged on: the kiosks as the Devices page shows them, the report lag, the thresholds. */
export interface AlertInput {
  /** ms since the epoch */
  now: number;
  /** every kiosk with its last reported health (dashboard/devices-routes.ts deviceList) */
  devices: readonly DeviceRow[];
  reportLag: ReportLag;
  thresholds: Pick<
    AlertConfig,
    'silentAfterMs' | 'clockSkewMs' | 'pushBacklog' | 'reportLagMs' | 'diskLowMiB'
  >;
  /**
   * alerts open at the previous evaluation, by id, with their `since`: an alert whose start the inputs do not
   * tell (a full disk, a clock off) keeps the time it was first seen instead of moving with every evaluation
   */
  openSince?: ReadonlyMap<string, number>;
}

const numbers = new Intl.NumberFormat('it-IT');

/** "3 minuti", "1 ora", "2 giorni": the largest unit, rounded (a clock 1 h 59 min 59 s ahead is "2 ore" ahead). */
export function italianDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return minutes === 1 ? '1 minuto' : `${minutes} minuti`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 ora' : `${hours} ore`;
  return `${Math.round(hours / 24)} giorni`;
}

/** "850 MB", "12,5 GB": disk space for the alert's reader, in the units a disk's label uses (MiB in, 1024-based). */
function megabytes(mib: number): string {
  if (mib < 1024) return `${numbers.format(mib)} MB`;
  return `${new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 }).format(mib / 1024)} GB`;
}

const SEVERITY_ORDER = { critical: 0, warning: 1 } as const;

/**
 * The alerts open now, most severe first, then oldest first. Pure: the same input gives the same alerts. Rules:
 * - `device_silent` (warning): a kiosk not revoked, not heard from (or never, since its enrolment) for longer
 *   than `silentAfterMs`;
 * - `disk_full` (critical): a kiosk that reported its disk full: it serves but stores no check-in;
 * - `disk_low` (warning): a kiosk whose data disk has less than `diskLowMiB` free, and is not full yet;
 * - `clock_skew` (warning): a kiosk clock off by more than `clockSkewMs` (the rule the Devices page flags with);
 * - `push_backlog` (warning): a kiosk with at least `pushBacklog` documents not pushed yet;
 * - `report_lag` (warning): the report tables behind the oldest change they lack by more than `reportLagMs`.
 * Revoked kiosks raise nothing.
 */
export function evaluateAlerts(input: AlertInput): Alert[] {
  const { now, thresholds } = input;
  const alerts: Alert[] = [];
  const sinceOf = (id: string) => input.openSince?.get(id) ?? now;
  for (const d of input.devices) {
    if (d.revoked) continue;
    const subject = { deviceId: d.id, deviceName: d.name, hubId: d.hubId, hubName: d.hubName };
    const who = `Il totem «${d.name}» (${d.hubName})`;
    const lastHeard = d.lastSeenAt ?? d.enrolledAt;
    if (now - lastHeard > thresholds.silentAfterMs) {
      const id = `device_silent:${d.id}`;
      alerts.push({
        id,
        kind: 'device_silent',
        severity: 'warning',
        ...subject,
        since: lastHeard,
        message:
          d.lastSeenAt === null
            ? `${who} non si è mai collegato da quando è stato registrato, ${italianDuration(now - d.enrolledAt)} fa.`
            : `${who} non si collega da ${italianDuration(now - d.lastSeenAt)}.`,
      });
    }
    if (d.storage === 'full') {
      const id = `disk_full:${d.id}`;
      alerts.push({
        id,
        kind: 'disk_full',
        severity: 'critical',
        ...subject,
        since: sinceOf(id),
        message: `${who} ha il disco pieno: non registra nuovi ingressi finché non si libera spazio.`,
      });
    }
    if (d.storage !== 'full' && d.disk !== null && d.disk.freeMiB < thresholds.diskLowMiB) {
      const id = `disk_low:${d.id}`;
      alerts.push({
        id,
        kind: 'disk_low',
        severity: 'warning',
        ...subject,
        since: sinceOf(id),
        message: `${who} ha solo ${megabytes(d.disk.freeMiB)} liberi su ${megabytes(d.disk.totalMiB)}: quando il disco è pieno non registra più ingressi.`,
      });
    }
    if (d.clockOffsetMs !== null && isClockSkewed(d.clockOffsetMs, thresholds.clockSkewMs)) {
      const id = `clock_skew:${d.id}`;
      alerts.push({
        id,
        kind: 'clock_skew',
        severity: 'warning',
        ...subject,
        since: sinceOf(id),
        message: `L'orologio del totem «${d.name}» (${d.hubName}) è ${d.clockOffsetMs > 0 ? 'avanti' : 'indietro'} di ${italianDuration(Math.abs(d.clockOffsetMs))}: va regolato.`,
      });
    }
    if (d.pendingPush !== null && d.pendingPush >= thresholds.pushBacklog) {
      const id = `push_backlog:${d.id}`;
      alerts.push({
        id,
        kind: 'push_backlog',
        severity: 'warning',
        ...subject,
        since: sinceOf(id),
        message: `${who} ha ${numbers.format(d.pendingPush)} documenti ancora da inviare al server.`,
      });
    }
  }
  const lagMs = input.reportLag.seconds * 1000;
  if (input.reportLag.documents > 0 && lagMs > thresholds.reportLagMs)
    alerts.push({
      id: 'report_lag',
      kind: 'report_lag',
      severity: 'warning',
      deviceId: null,
      deviceName: null,
      hubId: null,
      hubName: null,
      since: now - lagMs,
      message: `I resoconti sono indietro di ${italianDuration(lagMs)}: ${numbers.format(input.reportLag.documents)} documenti ancora da elaborare.`,
    });
  return alerts.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.since - b.since ||
      a.id.localeCompare(b.id),
  );
}
