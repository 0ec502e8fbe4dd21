import { type Static, Type } from 'typebox';
import { DayParam, HubIdParam, HubOption } from './report-common';
import { errorResponses } from './schema';

/**
 * Proof of play on the dashboard (issue 17, item 6): how often and how long the kiosks showed each info-screen
 * item, per item, per kiosk and per local day, from the kiosks' `plays` counters (one per kiosk × item × day).
 */
export const PlaysQuery = Type.Object(
  { from: DayParam, to: DayParam, hub: Type.Optional(HubIdParam) },
  { additionalProperties: false },
);
export type PlaysQuery = Static<typeof PlaysQuery>;

/** One kiosk's shows of one item on one local day, as last synced. */
export const PlayRow = Type.Object({
  day: Type.String({ description: 'local date, YYYY-MM-DD' }),
  hubId: Type.String(),
  hubName: Type.String(),
  deviceId: Type.String(),
  deviceName: Type.String(),
  contentId: Type.String(),
  /** the item's Italian title; its id when the item was deleted since */
  title: Type.String(),
  shows: Type.Number({ description: 'times the item came on screen' }),
  seconds: Type.Number({ description: 'seconds on screen in all' }),
});
export type PlayRow = Static<typeof PlayRow>;

const Totals = { shows: Type.Number(), seconds: Type.Number() };

export const PlaysReport = Type.Object({
  query: Type.Object({
    from: Type.String(),
    to: Type.String(),
    hub: Type.Union([Type.String(), Type.Null()]),
  }),
  /** every kiosk × item × day with a show, by day, hub, kiosk, title */
  rows: Type.Array(PlayRow),
  /** totals per item, most shown first */
  byItem: Type.Array(Type.Object({ contentId: Type.String(), title: Type.String(), ...Totals })),
  /** totals per kiosk, most shows first */
  byKiosk: Type.Array(
    Type.Object({ deviceId: Type.String(), deviceName: Type.String(), hubName: Type.String(), ...Totals }),
  ),
  /** totals per local day of the range, every day (zero when nothing was shown) */
  byDay: Type.Array(Type.Object({ day: Type.String(), ...Totals })),
  hubs: Type.Array(HubOption),
});
export type PlaysReport = Static<typeof PlaysReport>;

export const playsReportRoutes = {
  report: {
    method: 'GET',
    path: '/api/dashboard/plays',
    schema: {
      summary: 'Proof of play: shows and seconds on screen per info-screen item, kiosk and day',
      tags: ['content'],
      querystring: PlaysQuery,
      response: { 200: PlaysReport, ...errorResponses },
    },
  },
} as const;
