import { type Static, Type } from 'typebox';
import { errorResponses, rawResponse } from './schema';

/**
 * Without check-out, "present now" is estimated as the visitors who checked in within this window; hubs that use
 * check-out count who is inside exactly (last event today is an entry).
 */
export const PRESENCE_WINDOW_MS = 2 * 3_600_000;
/** A kiosk silent for longer than this is listed as not syncing. */
export const DEVICE_STALE_AFTER_MS = 6 * 3_600_000;
/** "Usual" for a weekday: the mean of the same weekday over this many previous weeks (fewer for a newer hub). */
export const USUAL_WEEKS = 8;

export const CityNowHub = Type.Object({
  id: Type.String(),
  name: Type.String(),
  area: Type.String(),
  usesCheckout: Type.Boolean(),
  presentNow: Type.Integer({ description: 'visitors (cards and guests) present now' }),
  checkinsToday: Type.Integer(),
  usualByNow: Type.Number({ description: 'mean check-ins by this hour on the same weekday' }),
  usualDay: Type.Number({ description: 'mean check-ins of the whole day on the same weekday' }),
});
export type CityNowHub = Static<typeof CityNowHub>;

export const StaleDevice = Type.Object({
  id: Type.String(),
  name: Type.String(),
  hubId: Type.String(),
  hubName: Type.String(),
  lastSeenAt: Type.Union([Type.Number(), Type.Null()]),
});
export type StaleDevice = Static<typeof StaleDevice>;

export const CityNow = Type.Object({
  hubs: Type.Array(CityNowHub),
  staleDevices: Type.Array(StaleDevice),
  staleAfterMs: Type.Number(),
  presenceWindowMs: Type.Number(),
  generatedAt: Type.Number(),
});
export type CityNow = Static<typeof CityNow>;

export const cityNowRoutes = {
  /** every role; a hub lead sees their hub */
  get: {
    method: 'GET',
    path: '/api/dashboard/city-now',
    schema: {
      summary: 'Who is at the hubs now, against the usual for this weekday and hour; kiosks not syncing',
      tags: ['reports'],
      response: { 200: CityNow, ...errorResponses },
    },
  },
  /** Server-Sent Events: `event: city-now` with a CityNow body whenever check-ins or devices change */
  stream: {
    method: 'GET',
    path: '/api/dashboard/city-now/stream',
    schema: {
      summary:
        'Server-Sent Events: `event: city-now` with a CityNow body whenever check-ins or devices change',
      tags: ['reports'],
      produces: ['text/event-stream'],
      response: {
        200: rawResponse('text/event-stream', 'CityNow bodies as `city-now` events'),
        ...errorResponses,
      },
    },
  },
} as const;
