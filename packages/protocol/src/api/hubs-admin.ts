import { type Static, Type } from 'typebox';
import { targetGroup } from '../collections/common';
import { MAX_REPEAT_SCAN_WINDOW_MS } from '../collections/hubs';
import { IsoDate } from '../schema/fields';
import { TIME_OF_DAY_PATTERN } from '../schema/patterns';
import { errorResponses, OkResponse, ulidParams } from './schema';

const Hhmm = Type.String({ pattern: TIME_OF_DAY_PATTERN });

/** One opening interval of a weekday (0 = Sunday): several per day are allowed, never overlapping. */
export const OpeningInterval = Type.Object(
  { day: Type.Integer({ minimum: 0, maximum: 6 }), open: Hhmm, close: Hhmm },
  { additionalProperties: false },
);
export type OpeningInterval = Static<typeof OpeningInterval>;

export const Closure = Type.Object(
  { from: IsoDate(), to: IsoDate(), reason: Type.String({ maxLength: 120 }) },
  { additionalProperties: false },
);
export type Closure = Static<typeof Closure>;

/** What the admin or a coordinator edits of a hub; the server adds id, archived, facilitators and updatedAt. */
export const HubInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    address: Type.String({ maxLength: 200 }),
    area: Type.String({ minLength: 1, maxLength: 80, description: 'one of the areas the server keeps' }),
    targetGroups: Type.Array(targetGroup(), { maxItems: 6, uniqueItems: true }),
    focus: Type.Object(
      { assistance: Type.String({ maxLength: 300 }), promotion: Type.String({ maxLength: 300 }) },
      { additionalProperties: false },
    ),
    openingHours: Type.Array(OpeningInterval, { maxItems: 42 }),
    closures: Type.Array(Closure, { maxItems: 100 }),
    position: Type.Object(
      { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
      { additionalProperties: false },
    ),
    timezone: Type.String({ minLength: 1, maxLength: 40, description: 'IANA time zone, e.g. Europe/Rome' }),
    usesCheckout: Type.Boolean(),
    repeatScanWindowMs: Type.Integer({ minimum: 0, maximum: MAX_REPEAT_SCAN_WINDOW_MS }),
  },
  { additionalProperties: false },
);
export type HubInput = Static<typeof HubInput>;

/** A hub as the dashboard shows it: its facilitators by name only (their PIN hashes stay with the kiosks). */
export const HubRow = Type.Object({
  ...HubInput.properties,
  id: Type.String(),
  archived: Type.Boolean(),
  updatedAt: Type.Number(),
  facilitators: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  activeKiosks: Type.Integer({ description: 'enrolled kiosks not revoked' }),
});
export type HubRow = Static<typeof HubRow>;

export const HubList = Type.Object({
  hubs: Type.Array(HubRow),
  areas: Type.Array(Type.String()),
});
export type HubList = Static<typeof HubList>;

export const HubResponse = Type.Object({ hub: HubRow });
export type HubResponse = Static<typeof HubResponse>;

export const ArchiveRequest = Type.Object({ archived: Type.Boolean() }, { additionalProperties: false });
export type ArchiveRequest = Static<typeof ArchiveRequest>;

/** The `details` of the 409 refusing to archive a hub that still has active kiosks: the kiosks to retire first. */
export interface ArchiveRefusalDetails {
  kiosks: Array<{ id: string; name: string }>;
}

export const AreaRequest = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 80 }) },
  { additionalProperties: false },
);
export type AreaRequest = Static<typeof AreaRequest>;

const hubParams = ulidParams('hubId');
const tags = ['hubs'];

/**
 * The hubs ("Sedi"): every role reads them; the admin and coordinators write them under /api/admin/hubs (a
 * separate prefix, as the access table gives roles by path).
 */
export const hubAdminRoutes = {
  list: {
    method: 'GET',
    path: '/api/dashboard/hubs',
    schema: {
      summary: 'Every hub (archived ones too), and the areas hubs may be in',
      tags,
      response: { 200: HubList, ...errorResponses },
    },
  },
  create: {
    method: 'POST',
    path: '/api/admin/hubs',
    schema: {
      summary: 'New hub',
      tags,
      body: HubInput,
      response: { 200: HubResponse, ...errorResponses },
    },
  },
  update: {
    method: 'PUT',
    path: '/api/admin/hubs/:hubId',
    schema: {
      summary: 'Edit a hub: its kiosks receive the change through replication',
      tags,
      params: hubParams,
      body: HubInput,
      response: { 200: HubResponse, ...errorResponses },
    },
  },
  archive: {
    method: 'POST',
    path: '/api/admin/hubs/:hubId/archive',
    schema: {
      summary: 'Archive a hub (409 with the kiosks while any is still active), or bring it back',
      tags,
      params: hubParams,
      body: ArchiveRequest,
      response: { 200: HubResponse, ...errorResponses },
    },
  },
  addArea: {
    method: 'POST',
    path: '/api/admin/hub-areas',
    schema: {
      summary: 'Add an area to the list hubs choose from',
      tags,
      body: AreaRequest,
      response: { 200: OkResponse, ...errorResponses },
    },
  },
  removeArea: {
    method: 'DELETE',
    path: '/api/admin/hub-areas/:name',
    schema: {
      summary: 'Remove an area no hub is in',
      tags,
      params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }) }),
      response: { 200: OkResponse, ...errorResponses },
    },
  },
} as const;
