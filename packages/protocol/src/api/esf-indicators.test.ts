import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISADVANTAGED_GROUPS,
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  ESF_INDICATORS,
  GENDERS,
  NO_DISADVANTAGE,
  NOT_RECORDED,
} from './esf';
import { ESF_LINES, type EsfTraits, esfLinesOf } from './esf-indicators';

const valuesOf = (indicator: string) =>
  ESF_LINES.filter((l) => l.indicator === indicator).map((l) => l.value);
const counted = (person: EsfTraits | null, year: number) =>
  esfLinesOf(person, year).map((l) => `${l.indicator}:${l.value}`);

const traits = fc.option(
  fc.record({
    birthYear: fc.option(fc.integer({ min: 1900, max: 2030 })),
    gender: fc.option(fc.constantFrom(...GENDERS)),
    employment: fc.option(fc.constantFrom(...EMPLOYMENT_STATUSES)),
    education: fc.option(fc.constantFrom(...EDUCATION_LEVELS)),
    disadvantaged: fc.option(fc.subarray([...DISADVANTAGED_GROUPS])),
  }),
);

describe('the ESF+ indicator table', () => {
  it('has a line for every recorded value, plus "not recorded", in the form\'s order', () => {
    expect(ESF_LINES.map((l) => l.indicator).filter((i, n, all) => all.indexOf(i) === n)).toEqual([
      ...ESF_INDICATORS,
    ]);
    expect(valuesOf('gender')).toEqual([...GENDERS, NOT_RECORDED]);
    expect(valuesOf('employment')).toEqual([...EMPLOYMENT_STATUSES, NOT_RECORDED]);
    expect(valuesOf('education')).toEqual([...EDUCATION_LEVELS, NOT_RECORDED]);
    expect(valuesOf('disadvantaged')).toEqual([...DISADVANTAGED_GROUPS, NO_DISADVANTAGE, NOT_RECORDED]);
  });

  it('uses each Annex I code once, on the lines that are exactly that indicator', () => {
    const codes = ESF_LINES.flatMap((l) => (l.code ? [`${l.code} ${l.indicator}:${l.value}`] : []));
    expect(codes).toEqual([
      'EECO01 total:all',
      'EECO06 age:under_18',
      'EECO07 age:18_29',
      'EECO08 age:55_plus',
      'EECO03 employment:long_term_unemployed',
      'EECO09 education:isced_0_2',
      'EECO10 education:isced_3_4',
      'EECO11 education:isced_5_8',
      'EECO12 disadvantaged:disability',
      'EECO13 disadvantaged:third_country_national',
      'EECO14 disadvantaged:foreign_origin',
      'EECO15 disadvantaged:minority',
      'EECO16 disadvantaged:homeless_or_housing_exclusion',
      'EECO17 disadvantaged:rural_area',
    ]);
  });

  it('counts worked examples under the lines a person reads them under', () => {
    // Born 1997, in 2026 she is 29: 18-29 (EECO07); at 30 in 2027 she is 30-54.
    const anna: EsfTraits = {
      birthYear: 1997,
      gender: 'female',
      employment: 'long_term_unemployed',
      education: 'isced_3_4',
      disadvantaged: ['third_country_national', 'rural_area'],
    };
    expect(counted(anna, 2026)).toEqual([
      'total:all',
      'gender:female',
      'age:18_29',
      'employment:long_term_unemployed',
      'education:isced_3_4',
      'disadvantaged:third_country_national',
      'disadvantaged:rural_area',
    ]);
    expect(counted(anna, 2027)).toContain('age:30_54');
    // 55 in the year: 55 and over; 17: under 18; recorded with no group: "none".
    const piero = { birthYear: 1971, gender: 'male', employment: null, education: null, disadvantaged: [] };
    expect(counted(piero, 2026)).toEqual([
      'total:all',
      'gender:male',
      'age:55_plus',
      'employment:not_recorded',
      'education:not_recorded',
      'disadvantaged:none',
    ]);
    expect(counted({ ...piero, birthYear: 2009 }, 2026)).toContain('age:under_18');
    // No personal data at all: the total, and "not recorded" everywhere else.
    expect(counted(null, 2026)).toEqual([
      'total:all',
      ...['gender', 'age', 'employment', 'education', 'disadvantaged'].map((i) => `${i}:not_recorded`),
    ]);
  });

  it('puts every participant on exactly one line of each indicator but the groups, and one line per group', () => {
    fc.assert(
      fc.property(traits, fc.integer({ min: 2020, max: 2030 }), (person, year) => {
        const lines = esfLinesOf(person, year);
        for (const indicator of ['total', 'gender', 'age', 'employment', 'education'])
          expect(lines.filter((l) => l.indicator === indicator)).toHaveLength(1);
        const groups = lines.filter((l) => l.indicator === 'disadvantaged');
        expect(groups).toHaveLength(Math.max(1, person?.disadvantaged?.length ?? 0));
      }),
    );
  });
});
