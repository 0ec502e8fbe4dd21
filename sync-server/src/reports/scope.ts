import { type Hub, type HubOption, mayActOnHub, type SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ApiFailure } from '../http/api-failure';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { CITY } from './contributions';

/**
 * The hub a report is about: for a hub lead one of their own hubs (the one asked for, or their first when they ask
 * for none; asking for another hub is refused), otherwise the hub asked for, or null for the whole city.
 */
export function reportHub(user: SessionUser, requested: string | undefined): string | null {
  if (user.role === 'hub_lead') {
    if (requested && !mayActOnHub(user, requested))
      throw new ApiFailure('forbidden', 'puoi vedere solo i dati dei tuoi hub');
    return requested ?? user.hubIds[0] ?? null;
  }
  return requested ?? null;
}

export const hubKey = (hub: string | null) => hub ?? CITY;

/** The hubs this user may see, by name. */
export async function visibleHubs(db: Kysely<Database>, user: SessionUser): Promise<Hub[]> {
  const hubs = await listDocuments<Hub>(db, 'hubs');
  return hubs.filter((h) => mayActOnHub(user, h.id)).sort((a, b) => a.name.localeCompare(b.name, 'it'));
}

export const hubOptions = (hubs: Hub[]): HubOption[] => hubs.map((h) => ({ id: h.id, name: h.name }));

/** Refuses a hub that does not exist, by name, so a typo in a shared URL says what is wrong. */
export function checkHubExists(hubs: Hub[], hub: string | null): void {
  if (hub && !hubs.some((h) => h.id === hub)) throw new ApiFailure('not_found', `l'hub ${hub} non esiste`);
}
