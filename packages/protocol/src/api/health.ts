import { Type } from 'typebox';

// Loose on purpose: probes read the status code, and /ready may say more about why it is not ready.
const HealthStatus = Type.Object(
  { status: Type.String(), store: Type.Optional(Type.String()), reason: Type.Optional(Type.String()) },
  { additionalProperties: true },
);

export const healthRoutes = {
  /** the process is up */
  health: {
    method: 'GET',
    path: '/health',
    schema: { summary: 'The process is up', tags: ['health'], response: { 200: HealthStatus } },
  },
  /** the store is reachable and migrated: the server can take traffic */
  ready: {
    method: 'GET',
    path: '/ready',
    schema: {
      summary: 'The store is reachable and migrated: the server can take traffic (503 when not)',
      tags: ['health'],
      response: { 200: HealthStatus, 503: HealthStatus },
    },
  },
} as const;
