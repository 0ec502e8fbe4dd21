import {
  addLocalDays,
  contentForHub,
  type DeviceSnapshot,
  type KioskState,
  startOfLocalDay,
} from '@vigevano/protocol';
import type { SyncStatus } from './sync-loop';

/** The idle screen's data from the cached snapshot: pure, so it is tested without a server or a clock. */
export function buildKioskState(snapshot: DeviceSnapshot, sync: SyncStatus, now: number): KioskState {
  const { hub } = snapshot;
  const dayStart = startOfLocalDay(hub.timezone, now);
  const dayEnd = addLocalDays(hub.timezone, now, 1);
  return {
    hub: { id: hub.id, name: hub.name, area: hub.area, address: hub.address, timezone: hub.timezone },
    device: { id: snapshot.device.id, name: snapshot.device.name },
    sessionsToday: snapshot.sessions
      .filter((s) => s.startsAt >= dayStart && s.startsAt < dayEnd && s.status !== 'cancelled')
      .sort((a, b) => a.startsAt - b.startsAt),
    content: contentForHub(snapshot.content, hub.id, hub.timezone, now),
    sync,
    now,
  };
}
