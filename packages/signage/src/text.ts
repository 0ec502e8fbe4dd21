/** The two screen shapes an item is laid out for (a kiosk's data-shape 'compact' lays out as 'landscape'). */
export type SignageShape = 'portrait' | 'landscape';

/**
 * Every word the signage components show that is not the item's own: the caller translates (the kiosk in the
 * visitor's language through its i18n files, the dashboard in Italian), so these components hold no dictionary
 * and make no calls. Times arrive formatted by the caller in the hub's time zone.
 */
export interface SignageText {
  /** the item's kind as a word ("Notizia") */
  kind: string;
  todayHere: string;
  todayOtherHubs: string;
  howToGetThere: string;
  noSessions: string;
  closedToday: string;
  /** "3 posti liberi" */
  freePlaces: (places: number) => string;
  /** no places left */
  full: string;
  /** "20 min a piedi" */
  walking: (minutes: number) => string;
  /** "6 min in bicicletta" */
  cycling: (minutes: number) => string;
  /** said beside an estimated time, e.g. "circa (stima)" */
  approximate: string;
  /** the other hubs are not known yet (the kiosk has not synced the city directory) */
  noDirectory: string;
  /** the ticker's label: "Altre notizie" */
  ticker: string;
  /** hours and minutes of an instant, in the hub's time zone */
  time: (ms: number) => string;
}
