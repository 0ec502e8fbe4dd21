import {
  addLocalDays,
  type Content,
  contentForKiosk,
  type Hub,
  type KioskState,
  type Notice,
  noticesForKiosk,
  type Session,
  startOfLocalDay,
} from '@vigevano/protocol';

export interface KioskStateInput {
  hub: Hub;
  /** the kiosk: its id and name, and its groups (its devices document's tags; absent: none) */
  device: { id: string; name: string; tags?: readonly string[] };
  sessions: Session[];
  content: Content[];
  notices: Notice[];
  sync: KioskState['sync'];
  now: number;
}

/** The idle screen's data: pure, so it is tested without a database, a server or a clock. */
export function buildKioskState({
  hub,
  device,
  sessions,
  content,
  notices,
  sync,
  now,
}: KioskStateInput): KioskState {
  const kiosk = { id: device.id, hubId: hub.id, tags: device.tags ?? [] };
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
    device: { id: device.id, name: device.name },
    sessionsToday: sessions
      .filter(
        (s) =>
          s.hubId === hub.id && s.startsAt >= dayStart && s.startsAt < dayEnd && s.status !== 'cancelled',
      )
      .sort((a, b) => a.startsAt - b.startsAt),
    content: contentForKiosk(content, kiosk, hub.timezone, now),
    notices: noticesForKiosk(notices, kiosk, now),
    sync,
    now,
  };
}
