export const healthRoutes = {
  /** the process is up */
  health: { method: 'GET', path: '/health' },
  /** the store is reachable and migrated, the reports near the documents, disk to spare (readiness.ts) */
  ready: { method: 'GET', path: '/ready' },
  /** Prometheus metrics: METRICS_TOKEN as a bearer token, or from loopback when no token is set (development) */
  metrics: { method: 'GET', path: '/metrics' },
} as const;
