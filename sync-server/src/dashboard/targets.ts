import { DEVICE_TAG_PATTERN, type Device } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { fieldFailure } from '../http/api-failure';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';

const TAG = new RegExp(DEVICE_TAG_PATTERN);

/**
 * Checks the kiosks and kiosk groups an item or a notice is aimed at against what the server holds (the hubs are
 * checked by the caller): every kiosk must exist, be in service and stand in one of `hubIds` (when any is named:
 * the targeting rule takes kiosks within those hubs, so one outside would never show it), and every tag must be
 * carried by some kiosk in service. Throws ApiFailure validation_failed with the field's path and an Italian
 * message naming what is wrong; writes nothing.
 */
export async function checkTargets(
  db: Kysely<Database>,
  target: { hubIds: readonly string[]; deviceIds?: readonly string[]; tags?: readonly string[] },
): Promise<void> {
  const deviceIds = target.deviceIds ?? [];
  const tags = target.tags ?? [];
  if (deviceIds.length === 0 && tags.length === 0) return;
  const badTag = tags.find((t) => !TAG.test(t));
  if (badTag !== undefined)
    throw fieldFailure(
      'validation_failed',
      '/tags',
      'pattern',
      `gruppo "${badTag}" non valido: lettere minuscole, cifre e trattini, al massimo 32`,
    );
  const inService = (await listDocuments<Device>(db, 'devices')).filter((d) => !d.revoked);
  const byId = new Map(inService.map((d) => [d.id, d]));
  const unknown = deviceIds.filter((id) => !byId.has(id));
  if (unknown.length > 0)
    throw fieldFailure(
      'validation_failed',
      '/deviceIds',
      'unknown_device',
      `totem sconosciuti o non più in servizio: ${unknown.join(', ')}`,
    );
  if (target.hubIds.length > 0) {
    const outside = deviceIds.filter((id) => !target.hubIds.includes(byId.get(id)?.hubId ?? ''));
    if (outside.length > 0)
      throw fieldFailure(
        'validation_failed',
        '/deviceIds',
        'outside_hubs',
        `totem fuori dagli hub scelti (non lo mostrerebbero mai): ${outside.map((id) => byId.get(id)?.name ?? id).join(', ')}`,
      );
  }
  const carried = new Set(inService.flatMap((d) => d.tags ?? []));
  const unknownTags = tags.filter((t) => !carried.has(t));
  if (unknownTags.length > 0)
    throw fieldFailure(
      'validation_failed',
      '/tags',
      'unknown_tag',
      `nessun totem ha il gruppo: ${unknownTags.join(', ')} (assegnalo nella pagina Totem)`,
    );
}
