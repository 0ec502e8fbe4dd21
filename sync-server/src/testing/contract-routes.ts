import { API_ROUTE_TABLE, type ApiRoute } from '@vigevano/protocol';

/** One route of the API contract: `key` is `<area>.<route>`, e.g. `auth.login` from `API_ROUTE_TABLE.auth.login`. */
export interface ContractRoute {
  key: string;
  method: string;
  path: string;
}

/**
 * Every route of the sync server's contract, read from the route table (packages/protocol, API_ROUTE_TABLE) the
 * server registers its routes from, so a route is in the tests that walk the contract the day it is added.
 */
export function contractRoutes(): ContractRoute[] {
  return Object.entries(API_ROUTE_TABLE).flatMap(([area, table]) =>
    Object.entries(table as Record<string, ApiRoute>).map(([name, r]) => ({
      key: `${area}.${name}`,
      method: r.method,
      path: r.path,
    })),
  );
}
