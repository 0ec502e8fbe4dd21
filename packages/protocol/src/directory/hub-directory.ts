import type { Static } from 'typebox';
import { Type } from 'typebox';
import type { Hub } from '../collections/hubs';
import type { Session } from '../collections/sessions';
import { EpochMillis, Ulid } from '../schema/fields';
import { addLocalDays, localDate, startOfLocalDay } from '../time';
import { estimateTravel } from './travel-time';

/** Longest public-transport note a coordinator may write for one pair of hubs (a few lines on a kiosk). */
export const TRANSIT_NOTES_MAX = 400;

/**
 * One hub's public facts for the other hubs' kiosks (issue 17, item 2: "today at the other hubs", "how to get
 * there"). Written by the server only, city-wide: a kiosk reads its own hub's data plus city-wide documents, never
 * another hub's sessions (docs/architecture.md, invariant 5), so this document carries only what any passer-by may
 * read on a screen: no names of people, no facilitators, no notes.
 */
export const hubDirectoryEntrySchema = Type.Object(
  {
    hubId: Ulid(),
    name: Type.String({ maxLength: 120 }),
    area: Type.String({ maxLength: 80 }),
    address: Type.String({ maxLength: 200 }),
    position: Type.Object({ lat: Type.Number(), lon: Type.Number() }),
    /** the local date the "today" fields are about (YYYY-MM-DD in the hub's time zone) */
    day: Type.String({ maxLength: 10 }),
    /** today's opening hours ("09:00"–"13:00"), none when closed today (no hours, or a closure) */
    openToday: Type.Array(Type.Object({ open: Type.String(), close: Type.String() }), { maxItems: 6 }),
    sessionsToday: Type.Array(
      Type.Object({
        title: Type.String({ maxLength: 160 }),
        startsAt: EpochMillis(),
        endsAt: EpochMillis(),
        /** places left (capacity minus enrolments), null when the session has no limit */
        freePlaces: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
      }),
      { maxItems: 100 },
    ),
    routes: Type.Array(
      Type.Object({
        toHubId: Ulid(),
        walkingMinutes: Type.Integer({ minimum: 1 }),
        cyclingMinutes: Type.Integer({ minimum: 1 }),
        /** true: estimated from the positions (estimateTravel); false: minutes a coordinator entered */
        approximate: Type.Boolean(),
        transitNotes: Type.String({ maxLength: TRANSIT_NOTES_MAX }),
      }),
      { maxItems: 100 },
    ),
    updatedAt: EpochMillis(),
  },
  { additionalProperties: false },
);
export type HubDirectoryEntry = Static<typeof hubDirectoryEntrySchema>;

/** What a coordinator entered for the way from one hub to another (either direction: see routeBetween). */
export interface EnteredRoute {
  fromHubId: string;
  toHubId: string;
  /** minutes on foot / by bicycle; null: estimate from the positions */
  walkingMinutes: number | null;
  cyclingMinutes: number | null;
  transitNotes: string;
}

/** The route a coordinator entered between two hubs, whichever of them it was entered from (ways are two-way). */
function routeBetween(routes: readonly EnteredRoute[], a: string, b: string): EnteredRoute | undefined {
  return (
    routes.find((r) => r.fromHubId === a && r.toHubId === b) ??
    routes.find((r) => r.fromHubId === b && r.toHubId === a)
  );
}

/** The input of buildHubDirectory, read by the server from its store. */
export interface DirectoryInput {
  hubs: readonly Hub[];
  /** sessions of every hub around `now` (the builder keeps each hub's local today) */
  sessions: readonly Session[];
  /** enrolments per session id (sessions with none may be absent) */
  enrolled: ReadonlyMap<string, number>;
  routes: readonly EnteredRoute[];
  now: number;
}

/**
 * One directory entry per hub that is not archived, for the local day of `now` in each hub's time zone: today's
 * opening hours (none on a closure day), today's sessions that are not cancelled with their free places, and a
 * route to every other such hub: a coordinator's minutes where entered (not approximate), else estimateTravel's
 * (approximate), with the coordinator's transit notes. Pure: the same input gives the same entries.
 */
export function buildHubDirectory(input: DirectoryInput): HubDirectoryEntry[] {
  const hubs = input.hubs.filter((h) => !h.archived);
  return hubs.map((hub) => {
    const { date, weekday } = localDate(hub.timezone, input.now);
    const dayStart = startOfLocalDay(hub.timezone, input.now);
    const dayEnd = addLocalDays(hub.timezone, dayStart, 1);
    const closed = hub.closures.some((c) => c.from <= date && date <= c.to);
    const sessionsToday = input.sessions
      .filter(
        (s) => s.hubId === hub.id && s.status !== 'cancelled' && s.startsAt < dayEnd && s.endsAt > dayStart,
      )
      .sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id))
      .map((s) => ({
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        freePlaces: s.capacity === 0 ? null : Math.max(0, s.capacity - (input.enrolled.get(s.id) ?? 0)),
      }));
    const routes = hubs
      .filter((other) => other.id !== hub.id)
      .map((other) => {
        const entered = routeBetween(input.routes, hub.id, other.id);
        const estimate = estimateTravel(hub.position, other.position);
        return {
          toHubId: other.id,
          walkingMinutes: entered?.walkingMinutes ?? estimate.walkingMinutes,
          cyclingMinutes: entered?.cyclingMinutes ?? estimate.cyclingMinutes,
          approximate: entered?.walkingMinutes == null || entered.cyclingMinutes == null,
          transitNotes: entered?.transitNotes ?? '',
        };
      });
    return {
      hubId: hub.id,
      name: hub.name,
      area: hub.area,
      address: hub.address,
      position: { lat: hub.position.lat, lon: hub.position.lon },
      day: date,
      openToday: closed
        ? []
        : hub.openingHours
            .filter((h) => h.day === weekday)
            .map((h) => ({ open: h.open, close: h.close }))
            .sort((a, b) => a.open.localeCompare(b.open)),
      sessionsToday,
      routes,
      updatedAt: input.now,
    };
  });
}
