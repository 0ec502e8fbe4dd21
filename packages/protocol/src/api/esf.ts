import { type Static, Type } from 'typebox';
import { HubIdParam, HubOption } from './report-common';
import { errorResponses, Nullable, rawResponse } from './schema';

// The ESF+ common output indicators on participants (Reg. (EU) 2021/1057, Annex I) that the hubs record:
// gender, age, labour market status, education (ISCED), disadvantaged groups. Each value is counted where it was
// recorded; a participant without personal data counts under "non rilevato". The report's lines, their codes,
// labels and rules: esf-indicators.ts.

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

export type Gender = (typeof GENDERS)[number];
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export type DisadvantagedGroup = (typeof DISADVANTAGED_GROUPS)[number];

export const NOT_RECORDED = 'not_recorded';
/** recorded, and the person belongs to none of the disadvantaged groups */
export const NO_DISADVANTAGE = 'none';

export const ESF_INDICATORS = ['total', 'gender', 'age', 'employment', 'education', 'disadvantaged'] as const;
export type EsfIndicator = (typeof ESF_INDICATORS)[number];

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
