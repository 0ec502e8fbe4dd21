import { type DisadvantagedGroup, type EsfIndicator, NO_DISADVANTAGE, NOT_RECORDED } from './esf';

/** A participant's characteristics as ESF+ counts them; null: not recorded (or no personal data at all). */
export interface EsfTraits {
  birthYear: number | null;
  gender: string | null;
  employment: string | null;
  education: string | null;
  /** null: not recorded; []: recorded, none of the groups */
  disadvantaged: readonly string[] | null;
}

/** A trait that is one recorded value (or none). */
export type EsfValueTrait = 'gender' | 'employment' | 'education';

/**
 * Who a line counts, as data, so the same rule runs in TypeScript (esfRuleMatches) and in SQL
 * (sync-server/src/reports/esf-sql.ts). Age is whole years in the year of participation: year − birth year
 * (birthdays are not kept).
 */
export type EsfRule =
  | { kind: 'everyone' }
  | { kind: 'value'; trait: EsfValueTrait; value: string }
  | { kind: 'not_recorded'; trait: EsfValueTrait | 'birthYear' | 'disadvantaged' }
  /** from `from` years up to and excluding `below`; either bound may be absent (an impossible birth year still counts) */
  | { kind: 'age'; from?: number; below?: number }
  | { kind: 'group'; group: DisadvantagedGroup }
  | { kind: 'no_group' };

/** One line of the ESF+ participants report. */
export interface EsfLine {
  indicator: EsfIndicator;
  /** the line's key inside its indicator (stored in report_esf.value) */
  value: string;
  /**
   * the common output indicator's code (Reg. (EU) 2021/1057, Annex I, as coded in SFC2021: EECO01 total … EECO17
   * rural areas) where the line is exactly that indicator; null where none fits (e.g. "unemployed" here excludes
   * the long-term unemployed, who have a line of their own, while EECO02 includes them)
   */
  code: string | null;
  /** Italian, as the page and the CSV print it */
  label: string;
  rule: EsfRule;
}

const valueLines = (
  indicator: EsfIndicator,
  trait: EsfValueTrait,
  lines: ReadonlyArray<[string, string | null, string]>,
): EsfLine[] => [
  ...lines.map(([value, code, label]) => ({
    indicator,
    value,
    code,
    label,
    rule: { kind: 'value', trait, value } as const,
  })),
  {
    indicator,
    value: NOT_RECORDED,
    code: null,
    label: 'non rilevato',
    rule: { kind: 'not_recorded', trait },
  },
];

const groupLine = (group: DisadvantagedGroup, code: string, label: string): EsfLine => ({
  indicator: 'disadvantaged',
  value: group,
  code,
  label,
  rule: { kind: 'group', group },
});

/**
 * The ESF+ indicators the hubs report, in the order the report prints them: the one table the projections, the SQL
 * rebuild, the report query, the CSV and the dashboard page read. A participant counts once in every indicator
 * whose rule matches (under disadvantaged, once per group).
 */
export const ESF_LINES: readonly EsfLine[] = [
  { indicator: 'total', value: 'all', code: 'EECO01', label: 'totale', rule: { kind: 'everyone' } },
  ...valueLines('gender', 'gender', [
    ['female', null, 'donne'],
    ['male', null, 'uomini'],
    ['non_binary', null, 'non binario'],
  ]),
  {
    indicator: 'age',
    value: 'under_18',
    code: 'EECO06',
    label: 'meno di 18 anni',
    rule: { kind: 'age', below: 18 },
  },
  {
    indicator: 'age',
    value: '18_29',
    code: 'EECO07',
    label: '18-29 anni',
    rule: { kind: 'age', from: 18, below: 30 },
  },
  {
    indicator: 'age',
    value: '30_54',
    code: null,
    label: '30-54 anni',
    rule: { kind: 'age', from: 30, below: 55 },
  },
  {
    indicator: 'age',
    value: '55_plus',
    code: 'EECO08',
    label: '55 anni e oltre',
    rule: { kind: 'age', from: 55 },
  },
  {
    indicator: 'age',
    value: NOT_RECORDED,
    code: null,
    label: 'non rilevato',
    rule: { kind: 'not_recorded', trait: 'birthYear' },
  },
  ...valueLines('employment', 'employment', [
    ['employed', null, 'occupati'],
    ['self_employed', null, 'lavoratori autonomi'],
    ['unemployed', null, 'disoccupati'],
    ['long_term_unemployed', 'EECO03', 'disoccupati di lungo periodo'],
    ['inactive', null, 'inattivi'],
    ['in_education', null, 'in istruzione o formazione'],
  ]),
  ...valueLines('education', 'education', [
    ['isced_0_2', 'EECO09', 'ISCED 0-2 (fino alla secondaria di primo grado)'],
    ['isced_3_4', 'EECO10', 'ISCED 3-4 (secondaria superiore o post-secondaria)'],
    ['isced_5_8', 'EECO11', 'ISCED 5-8 (terziaria)'],
  ]),
  groupLine('disability', 'EECO12', 'persone con disabilità'),
  groupLine('third_country_national', 'EECO13', 'cittadini di paesi terzi'),
  groupLine('foreign_origin', 'EECO14', 'persone di origine straniera'),
  groupLine('minority', 'EECO15', 'minoranze (comprese le comunità emarginate come i rom)'),
  groupLine('homeless_or_housing_exclusion', 'EECO16', 'senza dimora o in esclusione abitativa'),
  groupLine('rural_area', 'EECO17', 'provenienti da zone rurali'),
  {
    indicator: 'disadvantaged',
    value: NO_DISADVANTAGE,
    code: null,
    label: 'nessuno dei gruppi',
    rule: { kind: 'no_group' },
  },
  {
    indicator: 'disadvantaged',
    value: NOT_RECORDED,
    code: null,
    label: 'non rilevato',
    rule: { kind: 'not_recorded', trait: 'disadvantaged' },
  },
];

/** Each indicator's heading, as the page and the CSV print it. */
export const ESF_INDICATOR_LABEL: Record<EsfIndicator, string> = {
  total: 'Partecipanti',
  gender: 'Genere',
  age: 'Età',
  employment: 'Condizione occupazionale',
  education: 'Livello di istruzione',
  disadvantaged: 'Gruppi svantaggiati',
};

/** The Italian name of a recorded value (a gender, a labour market status, a group…), from the lines above. */
export const ESF_VALUE_LABEL: Readonly<Record<string, string>> = Object.fromEntries(
  ESF_LINES.map((l) => [l.value, l.label]),
);

/** The line of `indicator` and `value`; undefined when the table has none. */
export function esfLine(indicator: string, value: string): EsfLine | undefined {
  return ESF_LINES.find((l) => l.indicator === indicator && l.value === value);
}

/** Whether a participant (null: no personal data) counts under `rule` in `year` (the year of participation). */
export function esfRuleMatches(rule: EsfRule, person: EsfTraits | null, year: number): boolean {
  switch (rule.kind) {
    case 'everyone':
      return true;
    case 'value':
      return person?.[rule.trait] === rule.value;
    case 'not_recorded':
      return (person?.[rule.trait] ?? null) === null;
    case 'age': {
      if (person?.birthYear == null) return false;
      const age = year - person.birthYear;
      return (rule.from === undefined || age >= rule.from) && (rule.below === undefined || age < rule.below);
    }
    case 'group':
      return person?.disadvantaged?.includes(rule.group) ?? false;
    case 'no_group':
      return person?.disadvantaged?.length === 0;
  }
}

/** The lines one participant counts under in `year`. */
export function esfLinesOf(person: EsfTraits | null, year: number): EsfLine[] {
  return ESF_LINES.filter((l) => esfRuleMatches(l.rule, person, year));
}
