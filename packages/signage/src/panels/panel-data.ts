import type { HubDirectoryEntry } from '@vigevano/protocol';

/** One session as a panel lists it: public facts only. */
export interface PanelSession {
  /** a React key, unique in the list */
  key: string;
  title: string;
  startsAt: number;
  endsAt: number;
  /** places left; null: no limit */
  freePlaces: number | null;
}

/** What the built-in panels draw from: the caller's own hub's sessions, and the city-wide hub directory. */
export interface SignagePanelData {
  /** the hub the screen stands in */
  hubId: string;
  /** today's sessions at this hub, in start order */
  here: PanelSession[];
  /** one entry per hub of the city (this one included, or not); null: not received yet */
  directory: readonly HubDirectoryEntry[] | null;
  now: number;
}
