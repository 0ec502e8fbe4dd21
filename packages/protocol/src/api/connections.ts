import { type Static, Type } from 'typebox';
import { DayParam, HubIdParam, type HubOption } from './report-common';

export const ConnectionsQuery = Type.Object(
  { from: DayParam, to: DayParam, hub: Type.Optional(HubIdParam) },
  { additionalProperties: false },
);
export type ConnectionsQuery = Static<typeof ConnectionsQuery>;

export interface ConnectionsReport {
  query: { from: string; to: string; hub: string | null };
  /** per month: visitors active in the month, and those active at two or more hubs in it */
  months: Array<{ month: string; visitors: number; multiHubVisitors: number }>;
  /** every visitor ever seen at two or more hubs (at the chosen hub and another one, if a hub is chosen) */
  multiHubAllTime: number;
  /**
   * Moves between hubs in the range: a visitor's next visit-day at a different hub than the previous one
   * (the third goal of the strategy: connecting the city's places).
   */
  flows: Array<{ fromHubId: string; fromHubName: string; toHubId: string; toHubName: string; moves: number }>;
  hubs: HubOption[];
}

export const connectionsRoutes = {
  get: { method: 'GET', path: '/api/dashboard/connections' },
} as const;
