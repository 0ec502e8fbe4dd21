import { type Static, Type } from 'typebox';
import { IsoDate, Ulid } from '../schema/fields';

// Pieces shared by the dashboard's report APIs: local calendar days as `YYYY-MM-DD` (Europe/Rome), hub ids,
// and the labels coordinators read. Report keys are strings, so an API answer is the same on SQLite and PostgreSQL.

/** A local calendar day, `YYYY-MM-DD`. */
export const DayParam = IsoDate();
export const HubIdParam = Ulid();

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const GRANULARITY_LABEL: Record<Granularity, string> = {
  day: 'giorno',
  week: 'settimana',
  month: 'mese',
};

export const HubOption = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** true for an archived hub: named in lists of what happened there, not offered as a choice for new things */
  archived: Type.Optional(Type.Boolean()),
});
export type HubOption = Static<typeof HubOption>;

/** Italian names of the strategy's target groups; '' is a check-in with no session (free access). */
export const TARGET_GROUP_LABEL: Record<string, string> = {
  young_neet: 'giovani NEET',
  elderly: 'anziani',
  fragile_housing_families: 'famiglie in fragilità abitativa',
  migrant_background: 'persone con background migratorio',
  people_with_disabilities: 'persone con disabilità',
  everyone: 'tutti',
  '': 'accesso libero (senza attività)',
};

export const NO_ACTIVITY_LABEL = 'accesso libero (senza attività)';
