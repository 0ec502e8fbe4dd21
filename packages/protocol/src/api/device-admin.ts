import { type Static, Type } from 'typebox';
import { Ulid } from '../schema/fields';
import { HubOption } from './report-common';
import { errorResponses, Nullable } from './schema';

export const DeviceRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  hubId: Type.String(),
  hubName: Type.String(),
  revoked: Type.Boolean(),
  enrolledAt: Type.Number(),
  lastSeenAt: Nullable(Type.Number()),
  lastPullAt: Nullable(Type.Number()),
  lastPushAt: Nullable(Type.Number()),
  pendingPush: Nullable(Type.Number({ description: 'documents the kiosk said were waiting to be pushed' })),
  appVersion: Nullable(Type.String()),
  clockOffsetMs: Nullable(
    Type.Number({ description: 'kiosk clock minus server clock; positive: the kiosk is ahead' }),
  ),
  /** the kiosk's disk as it last reported it: 'full' means it cannot store check-ins until space is freed */
  storage: Nullable(Type.Union([Type.Literal('ok'), Type.Literal('full')])),
  /** documents the kiosk keeps because one alone exceeds the push body limit; the first few as `collection/id` */
  tooLarge: Nullable(Type.Object({ count: Type.Number(), ids: Type.Array(Type.String()) })),
  stale: Type.Boolean({
    description: 'not revoked and silent for longer than staleAfterMs (or never synced)',
  }),
});
export type DeviceRow = Static<typeof DeviceRow>;

export const DeviceList = Type.Object({
  devices: Type.Array(DeviceRow),
  hubs: Type.Array(HubOption),
  staleAfterMs: Type.Number(),
});
export type DeviceList = Static<typeof DeviceList>;

export const NewEnrolmentCodeRequest = Type.Object({ hubId: Ulid() }, { additionalProperties: false });
export type NewEnrolmentCodeRequest = Static<typeof NewEnrolmentCodeRequest>;

export const NewEnrolmentCode = Type.Object({
  code: Type.String(),
  hubId: Type.String(),
  expiresAt: Type.Number(),
  qrText: Type.String({ description: 'what the QR holds (see enrolmentQrText)' }),
  qrSvg: Type.String({ description: 'the QR as an SVG document' }),
});
export type NewEnrolmentCode = Static<typeof NewEnrolmentCode>;

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
  list: {
    method: 'GET',
    path: '/api/dashboard/devices',
    schema: {
      summary: 'Every kiosk with its health as it last synced',
      tags: ['devices'],
      response: { 200: DeviceList, ...errorResponses },
    },
  },
  enrolmentCode: {
    method: 'POST',
    path: '/api/dashboard/devices/enrolment-codes',
    schema: {
      summary: 'A one-time enrolment code for a hub, with its QR',
      tags: ['devices'],
      body: NewEnrolmentCodeRequest,
      response: { 200: NewEnrolmentCode, ...errorResponses },
    },
  },
  /** revocation is deviceRoutes.revoke */
} as const;
