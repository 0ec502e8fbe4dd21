import {
  addLocalDays,
  type Content,
  contentForHub,
  type Hub,
  type KioskState,
  type Session,
  startOfLocalDay,
} from '@vigevano/protocol';

export interface KioskStateInput {
  hub: Hub;
  device: { id: string; name: string };
  sessions: Session[];
  content: Content[];
  sync: KioskState['sync'];
  now: number;
}

/** The idle screen's data: pure, so it is tested without a database, a server or a clock. */
export function buildKioskState({ hub, device, sessions, content, sync, now }: KioskStateInput): KioskState {
  const dayStart = startOfLocalDay(hub.timezone, now);
  const dayEnd = addLocalDays(hub.timezone, now, 1);
  return {
    hub: {
      id: hub.id,
      name: hub.name,
      area: hub.area,
      address: hub.address,
      timezone: hub.timezone,
      usesCheckout: hub.usesCheckout,
    },
    device,
    sessionsToday: sessions
      .filter(
        (s) =>
          s.hubId === hub.id && s.startsAt >= dayStart && s.startsAt < dayEnd && s.status !== 'cancelled',
      )
      .sort((a, b) => a.startsAt - b.startsAt),
    content: contentForHub(content, hub.id, hub.timezone, now),
    sync,
    now,
  };
}
