import {
  CITY_TIME_ZONE,
  type Content,
  type ContentWeek,
  contentWeek,
  type Device,
  type Hub,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ApiFailure } from '../http/api-failure';
import { getDocument, listDocuments } from '../store/documents';
import type { Database } from '../store/schema';

/**
 * What kiosk `deviceId` plays each hour of the week containing `at` (epoch ms), from the stored content, the
 * kiosk's hub and tags, in the hub's time zone (packages/protocol kiosk/content-week.ts). Throws ApiFailure
 * not_found for an unknown kiosk.
 */
export async function contentWeekOf(
  db: Kysely<Database>,
  deviceId: string,
  at: number,
): Promise<ContentWeek> {
  const device = await getDocument<Device>(db, 'devices', deviceId);
  if (!device) throw new ApiFailure('not_found', `il totem ${deviceId} non esiste`);
  const hub = await getDocument<Hub>(db, 'hubs', device.hubId);
  const timeZone = hub?.timezone ?? CITY_TIME_ZONE;
  const items = await listDocuments<Content>(db, 'content');
  const week = contentWeek(items, device, timeZone, at);
  const named = new Set(week.days.flatMap((d) => d.hours.flatMap((h) => h.contentIds)));
  return {
    device: {
      id: device.id,
      name: device.name,
      hubId: device.hubId,
      hubName: hub?.name ?? device.hubId,
      tags: device.tags ?? [],
    },
    timeZone,
    weekStart: week.weekStart,
    days: week.days,
    items: items
      .filter((c) => named.has(c.id))
      .map((c) => ({ id: c.id, title: c.title.it, priority: c.priority }))
      .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id)),
  };
}
