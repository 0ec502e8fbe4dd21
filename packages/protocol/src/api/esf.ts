import { type Static, Type } from 'typebox';
import { HubIdParam, HubOption } from './report-common';
import { errorResponses, Nullable, rawResponse } from './schema';

// The ESF+ common output indicators on participants (Reg. (EU) 2021/1057, Annex I) that the hubs record:
// gender, age, labour market status, education (ISCED), disadvantaged groups. Each value is counted where it was
// recorded; a participant without personal data counts under "non rilevato".

export const GENDERS = ['female', 'male', 'non_binary'] as const;
export const EMPLOYMENT_STATUSES = [
  'employed',
  'self_employed',
  'unemployed',
  'long_term_unemployed',
  'inactive',
  'in_education',
] as const;
export const EDUCATION_LEVELS = ['isced_0_2', 'isced_3_4', 'isced_5_8'] as const;
export const DISADVANTAGED_GROUPS = [
  'disability',
  'third_country_national',
  'foreign_origin',
  'minority',
  'homeless_or_housing_exclusion',
  'rural_area',
] as const;
export const ESF_AGE_BANDS = ['under_18', '18_29', '30_54', '55_plus'] as const;

export type Gender = (typeof GENDERS)[number];
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export type DisadvantagedGroup = (typeof DISADVANTAGED_GROUPS)[number];

export const NOT_RECORDED = 'not_recorded';
/** recorded, and the person belongs to none of the disadvantaged groups */
export const NO_DISADVANTAGE = 'none';

export const ESF_INDICATORS = ['total', 'gender', 'age', 'employment', 'education', 'disadvantaged'] as const;
export type EsfIndicator = (typeof ESF_INDICATORS)[number];

export const ESF_INDICATOR_LABEL: Record<EsfIndicator, string> = {
  total: 'Partecipanti',
  gender: 'Genere',
  age: 'Età',
  employment: 'Condizione occupazionale',
  education: 'Livello di istruzione',
  disadvantaged: 'Gruppi svantaggiati',
};

export const ESF_VALUE_LABEL: Record<string, string> = {
  all: 'totale',
  female: 'donne',
  male: 'uomini',
  non_binary: 'non binario',
  under_18: 'meno di 18 anni',
  '18_29': '18-29 anni',
  '30_54': '30-54 anni',
  '55_plus': '55 anni e oltre',
  employed: 'occupati',
  self_employed: 'lavoratori autonomi',
  unemployed: 'disoccupati',
  long_term_unemployed: 'disoccupati di lungo periodo',
  inactive: 'inattivi',
  in_education: 'in istruzione o formazione',
  isced_0_2: 'ISCED 0-2 (fino alla secondaria di primo grado)',
  isced_3_4: 'ISCED 3-4 (secondaria superiore o post-secondaria)',
  isced_5_8: 'ISCED 5-8 (terziaria)',
  disability: 'persone con disabilità',
  third_country_national: 'cittadini di paesi terzi',
  foreign_origin: 'persone di origine straniera',
  minority: 'minoranze (comprese le comunità emarginate come i rom)',
  homeless_or_housing_exclusion: 'senza dimora o in esclusione abitativa',
  rural_area: 'provenienti da zone rurali',
  none: 'nessuno dei gruppi',
  not_recorded: 'non rilevato',
};

/** The age band of someone born in `birthYear`, in `year` (the year of participation; birthdays are not kept). */
export function esfAgeBand(birthYear: number, year: number): (typeof ESF_AGE_BANDS)[number] {
  const age = year - birthYear;
  if (age < 18) return 'under_18';
  if (age < 30) return '18_29';
  if (age < 55) return '30_54';
  return '55_plus';
}

export const EsfQuery = Type.Object(
  { year: Type.String({ pattern: '^20[0-9]{2}$' }), hub: Type.Optional(HubIdParam) },
  { additionalProperties: false },
);
export type EsfQuery = Static<typeof EsfQuery>;

export const EsfRow = Type.Object({
  indicator: Type.Enum(ESF_INDICATORS),
  value: Type.String(),
  participants: Type.Number(),
});
export type EsfRow = Static<typeof EsfRow>;

export const EsfReport = Type.Object({
  query: Type.Object({ year: Type.String(), hub: Nullable(Type.String()) }),
  participants: Type.Number({
    description: 'card holders who checked in at least once in the year (at the hub, if chosen)',
  }),
  /** every indicator's values in a fixed order, zeros included, so the CSV has the same lines every year */
  rows: Type.Array(EsfRow),
  hubs: Type.Array(HubOption),
  years: Type.Array(Type.String()),
});
export type EsfReport = Static<typeof EsfReport>;

export const esfRoutes = {
  get: {
    method: 'GET',
    path: '/api/dashboard/esf',
    schema: {
      summary: 'ESF+ common output indicators on participants for a year',
      tags: ['reports'],
      querystring: EsfQuery,
      response: { 200: EsfReport, ...errorResponses },
    },
  },
  csv: {
    method: 'GET',
    path: '/api/dashboard/esf.csv',
    schema: {
      summary: 'The ESF+ indicators as a CSV file (text/csv)',
      tags: ['reports'],
      produces: ['text/csv'],
      querystring: EsfQuery,
      response: { 200: rawResponse('text/csv', 'one line per indicator value'), ...errorResponses },
    },
  },
} as const;
