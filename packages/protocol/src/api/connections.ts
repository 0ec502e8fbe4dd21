import { type Static, Type } from 'typebox';
import { DayParam, HubIdParam, HubOption } from './report-common';
import { errorResponses, Nullable } from './schema';

export const ConnectionsQuery = Type.Object(
  { from: DayParam, to: DayParam, hub: Type.Optional(HubIdParam) },
  { additionalProperties: false },
);
export type ConnectionsQuery = Static<typeof ConnectionsQuery>;

export const ConnectionsReport = Type.Object({
  query: Type.Object({ from: Type.String(), to: Type.String(), hub: Nullable(Type.String()) }),
  /** per month: visitors active in the month, and those active at two or more hubs in it */
  months: Type.Array(
    Type.Object({ month: Type.String(), visitors: Type.Number(), multiHubVisitors: Type.Number() }),
  ),
  /** every visitor ever seen at two or more hubs (at the chosen hub and another one, if a hub is chosen) */
  multiHubAllTime: Type.Number(),
  /**
   * Moves between hubs in the range: a visitor's next visit-day at a different hub than the previous one
   * (the third goal of the strategy: connecting the city's places).
   */
  flows: Type.Array(
    Type.Object({
      fromHubId: Type.String(),
      fromHubName: Type.String(),
      toHubId: Type.String(),
      toHubName: Type.String(),
      moves: Type.Number(),
    }),
  ),
  hubs: Type.Array(HubOption),
});
export type ConnectionsReport = Static<typeof ConnectionsReport>;

export const connectionsRoutes = {
  get: {
    method: 'GET',
    path: '/api/dashboard/connections',
    schema: {
      summary: 'Visitors who use several hubs, and their moves between hubs',
      tags: ['reports'],
      querystring: ConnectionsQuery,
      response: { 200: ConnectionsReport, ...errorResponses },
    },
  },
} as const;
