import { type Static, Type } from 'typebox';
import { DISADVANTAGED_GROUPS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS } from '../api/esf';
import { IsoDate, StringEnum } from '../schema/fields';

/**
 * A participant's characteristics as they were on the day they entered an operation (issue 18, item 3). The ESF+
 * report counts each participant by this snapshot, never by the person's current record, so a report of a closed
 * period does not change when a record is edited later (Reg. (EU) 2021/1057, Annex I: common output indicators are
 * "recorded upon entry"). Same shape as `EsfTraits` (api/esf-indicators.ts) so the same rules count it; null means
 * not recorded at entry.
 */
export const ParticipantSnapshot = Type.Object(
  {
    birthYear: Type.Union([Type.Integer({ minimum: 1900, maximum: 2100 }), Type.Null()]),
    gender: Type.Union([StringEnum(GENDERS), Type.Null()]),
    employment: Type.Union([StringEnum(EMPLOYMENT_STATUSES), Type.Null()]),
    education: Type.Union([StringEnum(EDUCATION_LEVELS), Type.Null()]),
    /** null: not recorded; []: recorded, none of the groups */
    disadvantaged: Type.Union([Type.Array(StringEnum(DISADVANTAGED_GROUPS), { maxItems: 16 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ParticipantSnapshot = Static<typeof ParticipantSnapshot>;

/** Why a participant left an operation. */
export const EXIT_REASONS = ['completed', 'withdrew', 'found_job', 'moved_away', 'other'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/**
 * Results on leaving (Reg. (EU) 2021/1057, Annex I, common immediate result indicators EECR01–EECR04), each true,
 * false or null (not yet known). Entered by a coordinator.
 */
export const ResultAtExit = Type.Object(
  {
    /** EECR01: engaged in job searching upon leaving */
    jobSearching: Type.Union([Type.Boolean(), Type.Null()]),
    /** EECR02: in education or training upon leaving */
    inEducation: Type.Union([Type.Boolean(), Type.Null()]),
    /** EECR03: gaining a qualification upon leaving */
    qualification: Type.Union([Type.Boolean(), Type.Null()]),
    /** EECR04: in employment, including self-employment, upon leaving */
    employed: Type.Union([Type.Boolean(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ResultAtExit = Static<typeof ResultAtExit>;

/** Results six months after leaving (Annex I, common longer-term result indicators EECR05–EECR06). */
export const ResultAfterSixMonths = Type.Object(
  {
    /** EECR05: in employment, including self-employment, six months after leaving */
    employed: Type.Union([Type.Boolean(), Type.Null()]),
    /** EECR06: in a better labour market situation six months after leaving */
    betterSituation: Type.Union([Type.Boolean(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ResultAfterSixMonths = Static<typeof ResultAfterSixMonths>;

/** The dates of a participation, local days `YYYY-MM-DD` in the hub's time zone. */
export const ParticipationDates = Type.Object(
  { entryDate: IsoDate(), exitDate: Type.Union([IsoDate(), Type.Null()]) },
  { additionalProperties: false },
);
