import { type Static, Type } from 'typebox';
import { ULID_PATTERN } from '../schema/patterns';
import type { HubOption } from './report-common';

export interface DeviceRow {
  id: string;
  name: string;
  hubId: string;
  hubName: string;
  revoked: boolean;
  enrolledAt: number;
  lastSeenAt: number | null;
  lastPullAt: number | null;
  lastPushAt: number | null;
  /** documents the kiosk said were waiting to be pushed */
  pendingPush: number | null;
  appVersion: string | null;
  /** kiosk clock minus server clock; positive: the kiosk is ahead */
  clockOffsetMs: number | null;
  /** the kiosk's disk as it last reported it: 'full' means it cannot store check-ins until space is freed */
  storage: 'ok' | 'full' | null;
  /** documents the kiosk keeps because one alone exceeds the push body limit; the first few as `collection/id` */
  tooLarge: { count: number; ids: string[] } | null;
  /** not revoked and silent for longer than staleAfterMs (or never synced) */
  stale: boolean;
}

export interface DeviceList {
  devices: DeviceRow[];
  hubs: HubOption[];
  staleAfterMs: number;
}

export const NewEnrolmentCodeRequest = Type.Object(
  { hubId: Type.String({ pattern: ULID_PATTERN }) },
  { additionalProperties: false },
);
export type NewEnrolmentCodeRequest = Static<typeof NewEnrolmentCodeRequest>;

export interface NewEnrolmentCode {
  code: string;
  hubId: string;
  expiresAt: number;
  /** what the QR holds (see enrolmentQrText) */
  qrText: string;
  /** the QR as an SVG document */
  qrSvg: string;
}

const QR_PREFIX = 'vigevano-enrol:';

/** The text of an enrolment QR: the server to enrol with and the one-time code, read by a kiosk's camera. */
export function enrolmentQrText(serverUrl: string, code: string): string {
  return `${QR_PREFIX}server=${encodeURIComponent(serverUrl)}&code=${encodeURIComponent(code)}`;
}

/** Reads an enrolment QR; undefined when the text is not one. */
export function parseEnrolmentQrText(text: string): { serverUrl: string; code: string } | undefined {
  if (!text.startsWith(QR_PREFIX)) return undefined;
  const params = new Map(
    text
      .slice(QR_PREFIX.length)
      .split('&')
      .map((pair) => pair.split('=') as [string, string | undefined]),
  );
  try {
    const serverUrl = decodeURIComponent(params.get('server') ?? '');
    const code = decodeURIComponent(params.get('code') ?? '');
    return serverUrl && code ? { serverUrl, code } : undefined;
  } catch {
    return undefined;
  }
}

export const deviceAdminRoutes = {
  list: { method: 'GET', path: '/api/dashboard/devices' },
  enrolmentCode: { method: 'POST', path: '/api/dashboard/devices/enrolment-codes' },
  /** revocation is deviceRoutes.revoke */
} as const;
