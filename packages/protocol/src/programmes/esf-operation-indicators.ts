import { type EsfRule, type EsfTraits, esfRuleMatches } from '../api/esf-indicators';
import type { ResultAfterSixMonths, ResultAtExit } from './participant';

/**
 * A common output indicator on participants (Reg. (EU) 2021/1057, Annex I, point 1; codes as in SFC2021), as data:
 * a participant counts when any of the rules matches their ENTRY SNAPSHOT, age taken in the year of entry. Lines
 * with code null are not indicators but what the city could not count (the characteristic was not recorded).
 */
export interface EsfOutputIndicator {
  code: string | null;
  /** the Italian text of the Regulation (GU L 231 of 30.6.2021), as the report prints it */
  label: string;
  anyOf: readonly EsfRule[];
}

const employment = (...values: string[]): EsfRule[] =>
  values.map((value) => ({ kind: 'value', trait: 'employment', value }) as const);
const education = (value: string): EsfRule[] => [{ kind: 'value', trait: 'education', value }];
const group = (g: EsfRule & { kind: 'group' }): EsfRule[] => [g];

/**
 * EECO01–EECO17, the ones the city records (all of them: labour market status, age, ISCED level and the six
 * disadvantaged groups are asked at entry), then the "not recorded" lines. Codes as SFC2021 numbers the Annex I
 * indicators (total number of participants first: EECO01; unemployed EECO02 … ISCED 5-8 EECO11; participants
 * with disabilities EECO12 … rural areas EECO17; see the Commission's SFC2021 support FAQ, which names
 * "Unemployed, including long-term unemployed (EECO02)" and "Participants with disabilities (EECO12)"). Persons in
 * education or training count as inactive (EECO04), as in the Eurostat labour force definitions the Annex uses.
 */
export const ESF_OUTPUT_INDICATORS: readonly EsfOutputIndicator[] = [
  { code: 'EECO01', label: 'numero complessivo dei partecipanti', anyOf: [{ kind: 'everyone' }] },
  {
    code: 'EECO02',
    label: 'disoccupati, compresi i disoccupati di lungo periodo',
    anyOf: employment('unemployed', 'long_term_unemployed'),
  },
  { code: 'EECO03', label: 'disoccupati di lungo periodo', anyOf: employment('long_term_unemployed') },
  { code: 'EECO04', label: 'persone inattive', anyOf: employment('inactive', 'in_education') },
  {
    code: 'EECO05',
    label: 'persone che svolgono un lavoro, compresi i lavoratori autonomi',
    anyOf: employment('employed', 'self_employed'),
  },
  { code: 'EECO06', label: 'minori di 18 anni', anyOf: [{ kind: 'age', below: 18 }] },
  {
    code: 'EECO07',
    label: 'giovani di età compresa tra i 18 e i 29 anni',
    anyOf: [{ kind: 'age', from: 18, below: 30 }],
  },
  {
    code: 'EECO08',
    label: 'partecipanti di età pari o superiore a 55 anni',
    anyOf: [{ kind: 'age', from: 55 }],
  },
  {
    code: 'EECO09',
    label: 'titolari di un diploma di istruzione secondaria inferiore o di un titolo inferiore (ISCED 0-2)',
    anyOf: education('isced_0_2'),
  },
  {
    code: 'EECO10',
    label: 'titolari di un diploma di istruzione secondaria superiore (ISCED 3) o post-secondaria (ISCED 4)',
    anyOf: education('isced_3_4'),
  },
  {
    code: 'EECO11',
    label: 'titolari di un diploma di istruzione terziaria (ISCED da 5 a 8)',
    anyOf: education('isced_5_8'),
  },
  {
    code: 'EECO12',
    label: 'partecipanti con disabilità',
    anyOf: group({ kind: 'group', group: 'disability' }),
  },
  {
    code: 'EECO13',
    label: 'cittadini di paesi terzi',
    anyOf: group({ kind: 'group', group: 'third_country_national' }),
  },
  {
    code: 'EECO14',
    label: 'partecipanti di origine straniera',
    anyOf: group({ kind: 'group', group: 'foreign_origin' }),
  },
  {
    code: 'EECO15',
    label: 'minoranze (comprese le comunità emarginate come i rom)',
    anyOf: group({ kind: 'group', group: 'minority' }),
  },
  {
    code: 'EECO16',
    label: 'persone senza tetto o colpite da esclusione abitativa',
    anyOf: group({ kind: 'group', group: 'homeless_or_housing_exclusion' }),
  },
  {
    code: 'EECO17',
    label: 'partecipanti provenienti da zone rurali',
    anyOf: group({ kind: 'group', group: 'rural_area' }),
  },
  { code: null, label: 'età non rilevata', anyOf: [{ kind: 'not_recorded', trait: 'birthYear' }] },
  {
    code: null,
    label: 'condizione occupazionale non rilevata',
    anyOf: [{ kind: 'not_recorded', trait: 'employment' }],
  },
  {
    code: null,
    label: 'livello di istruzione non rilevato',
    anyOf: [{ kind: 'not_recorded', trait: 'education' }],
  },
  {
    code: null,
    label: 'appartenenza ai gruppi svantaggiati non rilevata',
    anyOf: [{ kind: 'not_recorded', trait: 'disadvantaged' }],
  },
];

/** A participant's recorded results, as the result indicators read them (null: not entered yet). */
export interface EsfResults {
  atExit: ResultAtExit | null;
  afterSixMonths: ResultAfterSixMonths | null;
}

/** A common result indicator (Annex I, points 2 and 3): a participant counts when the result is true. */
export interface EsfResultIndicator {
  code: string;
  label: string;
  /** true, false or null (not known) for one participant */
  result: (r: EsfResults) => boolean | null;
}

const AT_EXIT = "al momento della conclusione della loro partecipazione all'intervento";
const AFTER_SIX = "sei mesi dopo la conclusione della loro partecipazione all'intervento";

/** EECR01–EECR06, in the Annex's order. */
export const ESF_RESULT_INDICATORS: readonly EsfResultIndicator[] = [
  {
    code: 'EECR01',
    label: `partecipanti che cercano lavoro ${AT_EXIT}`,
    result: (r) => r.atExit?.jobSearching ?? null,
  },
  {
    code: 'EECR02',
    label: `partecipanti che intraprendono studi o corsi di formazione ${AT_EXIT}`,
    result: (r) => r.atExit?.inEducation ?? null,
  },
  {
    code: 'EECR03',
    label: `partecipanti che ottengono una qualifica ${AT_EXIT}`,
    result: (r) => r.atExit?.qualification ?? null,
  },
  {
    code: 'EECR04',
    label: `partecipanti che hanno un lavoro, anche autonomo, ${AT_EXIT}`,
    result: (r) => r.atExit?.employed ?? null,
  },
  {
    code: 'EECR05',
    label: `partecipanti che hanno un lavoro, anche autonomo, ${AFTER_SIX}`,
    result: (r) => r.afterSixMonths?.employed ?? null,
  },
  {
    code: 'EECR06',
    label: `partecipanti che godono di una migliore situazione sul mercato del lavoro ${AFTER_SIX}`,
    result: (r) => r.afterSixMonths?.betterSituation ?? null,
  },
];

/** The columns every indicator is broken down into: by gender at entry, and where it was not recorded. */
export const ESF_GENDER_COLUMNS = [
  { key: 'female', label: 'donne' },
  { key: 'male', label: 'uomini' },
  { key: 'nonBinary', label: 'non binari' },
  { key: 'notRecorded', label: 'genere non rilevato' },
] as const;
export type EsfGenderKey = (typeof ESF_GENDER_COLUMNS)[number]['key'];

/** The breakdown column of a snapshot's gender. */
export function esfGenderKey(gender: string | null): EsfGenderKey {
  if (gender === 'female') return 'female';
  if (gender === 'male') return 'male';
  if (gender === 'non_binary') return 'nonBinary';
  return 'notRecorded';
}

/** Whether a participant with `snapshot`, entered in `entryYear`, counts under `indicator`. */
export function esfOutputMatches(
  indicator: EsfOutputIndicator,
  snapshot: EsfTraits,
  entryYear: number,
): boolean {
  return indicator.anyOf.some((rule) => esfRuleMatches(rule, snapshot, entryYear));
}

/** The snapshot's fields the funder asks for and the Italian names the missing-data list prints. */
export const ESF_SNAPSHOT_FIELD_LABEL = {
  birthYear: 'anno di nascita',
  gender: 'genere',
  employment: 'condizione occupazionale',
  education: 'livello di istruzione',
  disadvantaged: 'gruppi svantaggiati',
} as const;

/** The results the missing-data list names when a participant has left but they were not entered. */
export const ESF_RESULT_FIELD_LABEL = {
  atExit: "esiti all'uscita (EECR01-04)",
  afterSixMonths: 'esiti a sei mesi (EECR05-06)',
} as const;
