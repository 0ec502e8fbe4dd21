import { type Static, Type } from 'typebox';
import { DEVICE_TAG_PATTERN } from '../collections/content';
import { Ulid } from '../schema/fields';
import { HubOption } from './report-common';
import { errorResponses, Nullable, ulidParams } from './schema';

/**
 * Where a kiosk is in its life: `active` (enrolled, its token works), `revoked` (its token was stopped: a lost or
 * stolen kiosk), `retired` (taken out of service for good), `moved` (re-enrolled at another hub: this identity is
 * revoked, the kiosk comes back under a new one).
 */
export const DEVICE_STATES = ['active', 'revoked', 'retired', 'moved'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export const DeviceRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** where the kiosk stands in its hub, e.g. "Ingresso, piano terra" (server-only: kiosks do not need it) */
  place: Nullable(Type.String()),
  hubId: Type.String(),
  hubName: Type.String(),
  revoked: Type.Boolean(),
  /** kiosk groups that info-screen items and urgent notices can target (devices.tags) */
  tags: Type.Array(Type.String()),
  state: Type.Enum(DEVICE_STATES),
  /** retired or moved: when (ms) */
  endedAt: Nullable(Type.Number()),
  /** moved: the hub it went to */
  movedToHubName: Nullable(Type.String()),
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
  /** the kiosk's data disk as it last reported it, whole MiB (null: never reported, e.g. an older kiosk) */
  disk: Nullable(Type.Object({ freeMiB: Type.Number(), totalMiB: Type.Number() })),
  /** the media files the kiosk keeps for offline play, as it last reported them (null: never reported) */
  media: Nullable(
    Type.Object({
      files: Type.Integer({ minimum: 0 }),
      bytes: Type.Integer({ minimum: 0 }),
      budgetBytes: Type.Integer({ minimum: 0 }),
      reportedAt: Type.Number(),
    }),
  ),
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

/** The longest kiosk name (the devices collection's limit) and place. */
export const DEVICE_NAME_MAX = 80;
export const DEVICE_PLACE_MAX = 120;

/**
 * A kiosk's place in its hub. No minLength in the schema: an empty one means "not said", and names are checked
 * by the server after trimming, so "" and "  " get the same Italian message.
 */
const DevicePlace = Type.String({ maxLength: DEVICE_PLACE_MAX, description: 'e.g. "Ingresso, piano terra"' });

export const NewEnrolmentCodeRequest = Type.Object(
  { hubId: Ulid(), place: Type.Optional(DevicePlace) },
  { additionalProperties: false },
);
export type NewEnrolmentCodeRequest = Static<typeof NewEnrolmentCodeRequest>;

export const NewEnrolmentCode = Type.Object({
  code: Type.String(),
  hubId: Type.String(),
  expiresAt: Type.Number(),
  qrText: Type.String({ description: 'what the QR holds (see enrolmentQrText)' }),
  qrSvg: Type.String({ description: 'the QR as an SVG document' }),
});
export type NewEnrolmentCode = Static<typeof NewEnrolmentCode>;

export const DeviceDetailsRequest = Type.Object(
  {
    name: Type.String({
      maxLength: DEVICE_NAME_MAX,
      description: 'what the kiosk is called, e.g. "Totem 1"',
    }),
    place: DevicePlace,
  },
  { additionalProperties: false },
);
export type DeviceDetailsRequest = Static<typeof DeviceDetailsRequest>;

export const DeviceTagsRequest = Type.Object(
  {
    tags: Type.Array(Type.String({ maxLength: 32, description: DEVICE_TAG_PATTERN }), {
      maxItems: 20,
      description: 'the kiosk groups, replacing the ones it had; checked by the server with a clear message',
    }),
  },
  { additionalProperties: false },
);
export type DeviceTagsRequest = Static<typeof DeviceTagsRequest>;

export const MoveDeviceRequest = Type.Object(
  {
    hubId: Ulid({ description: 'the hub the kiosk goes to' }),
    place: Type.Optional(DevicePlace),
  },
  { additionalProperties: false },
);
export type MoveDeviceRequest = Static<typeof MoveDeviceRequest>;

/** How every enrolment QR's text begins (a kiosk tells a damaged enrolment QR from any other code by it). */
export const ENROLMENT_QR_PREFIX = 'vigevano-enrol:';

/** The text of an enrolment QR: the server to enrol with and the one-time code, read by a kiosk's camera. */
export function enrolmentQrText(serverUrl: string, code: string): string {
  return `${ENROLMENT_QR_PREFIX}server=${encodeURIComponent(serverUrl)}&code=${encodeURIComponent(code)}`;
}

/** One group of an enrolment code: Crockford base32 (sync-server/src/devices/enrolment-code.ts), no I, L, O, U. */
const CODE_GROUP = '[0-9A-HJKMNP-TV-Z]{4}';

/**
 * What an enrolment QR carries, as the kiosk checks it before offering to enrol: an http(s) address of at most
 * 200 characters (the kiosk API's limit for `enrol`) and a code exactly as the server creates it.
 */
export const EnrolmentQrPayload = Type.Object(
  {
    serverUrl: Type.String({ format: 'url', pattern: '^https?://', maxLength: 200 }),
    code: Type.String({ pattern: `^${CODE_GROUP}-${CODE_GROUP}-${CODE_GROUP}$` }),
  },
  { additionalProperties: false },
);
export type EnrolmentQrPayload = Static<typeof EnrolmentQrPayload>;

/** Reads an enrolment QR; undefined when the text is not one. */
export function parseEnrolmentQrText(text: string): { serverUrl: string; code: string } | undefined {
  if (!text.startsWith(ENROLMENT_QR_PREFIX)) return undefined;
  const params = new Map(
    text
      .slice(ENROLMENT_QR_PREFIX.length)
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
  update: {
    method: 'PUT',
    path: '/api/dashboard/devices/:deviceId',
    schema: {
      summary: 'Rename a kiosk or change its place (the name reaches the kiosk through replication)',
      tags: ['devices'],
      params: ulidParams('deviceId'),
      body: DeviceDetailsRequest,
      response: { 200: DeviceRow, ...errorResponses },
    },
  },
  tags: {
    method: 'PUT',
    path: '/api/dashboard/devices/:deviceId/tags',
    schema: {
      summary: 'Set the kiosk groups (tags) of a kiosk; the kiosk receives them through replication',
      tags: ['devices'],
      params: ulidParams('deviceId'),
      body: DeviceTagsRequest,
      response: { 200: DeviceRow, ...errorResponses },
    },
  },
  move: {
    method: 'POST',
    path: '/api/dashboard/devices/:deviceId/move',
    schema: {
      summary:
        'Move a kiosk to another hub: its credential is revoked and a one-time enrolment code for the new hub is made',
      tags: ['devices'],
      params: ulidParams('deviceId'),
      body: MoveDeviceRequest,
      response: { 200: NewEnrolmentCode, ...errorResponses },
    },
  },
  retire: {
    method: 'POST',
    path: '/api/dashboard/devices/:deviceId/retire',
    schema: {
      summary: 'Retire a kiosk for good: revoked, kept in the list as retired with its history',
      tags: ['devices'],
      params: ulidParams('deviceId'),
      response: { 200: DeviceRow, ...errorResponses },
    },
  },
  /** revocation (a lost or stolen kiosk) is deviceRoutes.revoke */
} as const;
