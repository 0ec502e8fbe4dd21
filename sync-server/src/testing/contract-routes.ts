import * as protocol from '@vigevano/protocol';

/** One route of the API contract: `key` is `<table>.<route>`, e.g. `auth.login` from `authRoutes.login`. */
export interface ContractRoute {
  key: string;
  method: string;
  path: string;
}

/**
 * Every route of the sync server's contract, read from every `…Routes` table packages/protocol exports, so a
 * route is in the tests that walk the contract the day it is added. kioskRoutes belong to the kiosk's own
 * service, not to this server.
 */
export function contractRoutes(): ContractRoute[] {
  return Object.entries(protocol)
    .filter(([name, value]) => name.endsWith('Routes') && name !== 'kioskRoutes' && typeof value === 'object')
    .flatMap(([group, table]) =>
      Object.entries(table as Record<string, { method: string; path: string }>).map(([name, r]) => ({
        key: `${group.replace(/Routes$/, '')}.${name}`,
        method: r.method,
        path: r.path,
      })),
    );
}
