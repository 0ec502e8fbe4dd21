import { type Static, Type } from 'typebox';
import { errorResponses } from './schema';

export const HubOverview = Type.Object({
  id: Type.String(),
  name: Type.String(),
  area: Type.String(),
  targetGroups: Type.Array(Type.String()),
  devices: Type.Integer({ description: 'enrolled, not revoked' }),
  sessionsThisWeek: Type.Integer(),
  cards: Type.Integer({ description: 'cards issued at this hub' }),
  checkinsToday: Type.Integer(),
  archived: Type.Optional(
    Type.Boolean({ description: 'an archived hub: shown with its history, not offered for new people' }),
  ),
});
export type HubOverview = Static<typeof HubOverview>;

export const CityOverview = Type.Object({
  hubs: Type.Array(HubOverview),
  generatedAt: Type.Number({ description: 'server time, ms since the epoch' }),
});
export type CityOverview = Static<typeof CityOverview>;

export const cityRoutes = {
  overview: {
    method: 'GET',
    path: '/api/city/overview',
    schema: {
      summary: "The city's hubs with this week's figures",
      tags: ['reports'],
      response: { 200: CityOverview, ...errorResponses },
    },
  },
} as const;
