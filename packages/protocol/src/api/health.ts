import { Type } from 'typebox';
import { Readiness } from './readiness';
import { errorResponses, rawResponse } from './schema';

const HealthStatus = Type.Object({ status: Type.Literal('ok') });

export const healthRoutes = {
  /** the process is up */
  health: {
    method: 'GET',
    path: '/health',
    schema: { summary: 'The process is up', tags: ['health'], response: { 200: HealthStatus } },
  },
  /** the store is reachable and migrated, the reports near the documents, disk to spare (readiness.ts) */
  ready: {
    method: 'GET',
    path: '/ready',
    schema: {
      summary: 'The server can take traffic: 200, or 503 with every reason it cannot',
      tags: ['health'],
      response: { 200: Readiness, 503: Readiness },
    },
  },
  /** Prometheus metrics: METRICS_TOKEN as a bearer token, or from loopback when no token is set (development) */
  metrics: {
    method: 'GET',
    path: '/metrics',
    schema: {
      summary: 'Prometheus metrics (METRICS_TOKEN as a bearer token)',
      tags: ['health'],
      produces: ['text/plain'],
      response: { 200: rawResponse('text/plain', 'Prometheus text exposition format'), ...errorResponses },
    },
  },
} as const;
