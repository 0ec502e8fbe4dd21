import type { SessionUser } from '@vigevano/protocol';
import { fieldFailure } from '../http/api-failure';

/**
 * The hubs whose facilitators a user manages: every hub for the admin and coordinators, a hub lead's own hub(s),
 * none for a viewer. The one place that reads a user's hubs for this.
 */
function managedHubs(user: Pick<SessionUser, 'role' | 'hubIds'>): 'all' | readonly string[] {
  if (user.role === 'admin' || user.role === 'coordinator') return 'all';
  if (user.role === 'hub_lead') return user.hubIds;
  return [];
}

/** Throws ApiFailure forbidden (403) unless `user` manages every hub of `hubIds`. */
export function assertManages(user: Pick<SessionUser, 'role' | 'hubIds'>, hubIds: readonly string[]): void {
  const managed = managedHubs(user);
  if (managed === 'all') return;
  const outside = hubIds.filter((h) => !managed.includes(h));
  if (outside.length > 0)
    throw fieldFailure(
      'forbidden',
      '/hubIds',
      'not_managed',
      'puoi gestire solo i facilitatori della tua sede',
    );
}

/** Whether `user` manages every hub of `hubIds` (a facilitator they may change). */
export function manages(user: Pick<SessionUser, 'role' | 'hubIds'>, hubIds: readonly string[]): boolean {
  const managed = managedHubs(user);
  return managed === 'all' || hubIds.every((h) => managed.includes(h));
}
