export const healthRoutes = {
  /** the process is up */
  health: { method: 'GET', path: '/health' },
  /** the store is reachable and migrated: the server can take traffic */
  ready: { method: 'GET', path: '/ready' },
} as const;
