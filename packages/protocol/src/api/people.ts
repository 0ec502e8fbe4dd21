import { type Static, type TSchema, Type } from 'typebox';
import { LanguageCode } from '../schema/fields';
import { ULID_PATTERN } from '../schema/patterns';
import { DISADVANTAGED_GROUPS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS } from './esf';

/** The version of the consent text the hubs read to a visitor; recorded with each consent. */
export const CONSENT_TEXT_VERSION = '2026-01';

const nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

/**
 * A visitor's personal data, kept on the server only (never synced to kiosks). Entered with the visitor's
 * consent; ESF+ characteristics are optional ("where recorded"): null means not asked or not answered.
 */
export const PersonInput = Type.Object(
  {
    firstName: Type.String({ minLength: 1, maxLength: 80 }),
    lastName: Type.String({ minLength: 1, maxLength: 80 }),
    email: nullable(Type.String({ format: 'email', maxLength: 200 })),
    phone: nullable(Type.String({ pattern: '^[+0-9 ()-]{6,24}$' })),
    birthYear: nullable(Type.Integer({ minimum: 1900, maximum: 2100 })),
    gender: nullable(Type.Enum(GENDERS)),
    employment: nullable(Type.Enum(EMPLOYMENT_STATUSES)),
    education: nullable(Type.Enum(EDUCATION_LEVELS)),
    /** [] = recorded, none of them; null = not recorded */
    disadvantaged: Type.Optional(
      Type.Union([
        Type.Array(Type.Enum(DISADVANTAGED_GROUPS), { maxItems: 6, uniqueItems: true }),
        Type.Null(),
      ]),
    ),
    /** the visitor agreed to the processing described in CONSENT_TEXT_VERSION; nothing is stored without it */
    consent: Type.Literal(true),
  },
  { additionalProperties: false },
);
export type PersonInput = Static<typeof PersonInput>;

export const NewCardRequest = Type.Object(
  {
    alias: Type.String({ minLength: 1, maxLength: 24 }),
    language: LanguageCode(),
  },
  { additionalProperties: false },
);
export type NewCardRequest = Static<typeof NewCardRequest>;

/** A new visitor registered at the desk: a card, and personal data if they consent to it. */
export const NewVisitorRequest = Type.Object(
  {
    hubId: Type.String({ pattern: ULID_PATTERN }),
    card: NewCardRequest,
    person: Type.Optional(PersonInput),
  },
  { additionalProperties: false },
);
export type NewVisitorRequest = Static<typeof NewVisitorRequest>;

export const RevokeCardRequest = Type.Object(
  { reason: Type.Union([Type.Literal('lost'), Type.Literal('other')]) },
  { additionalProperties: false },
);
export type RevokeCardRequest = Static<typeof RevokeCardRequest>;

export const PeopleSearchQuery = Type.Object(
  { q: Type.String({ minLength: 0, maxLength: 80 }) },
  { additionalProperties: false },
);
export type PeopleSearchQuery = Static<typeof PeopleSearchQuery>;

export interface PersonData {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  birthYear: number | null;
  gender: string | null;
  employment: string | null;
  education: string | null;
  disadvantaged: string[] | null;
  consentAt: number;
  consentBy: string;
  consentTextVersion: string;
  hubId: string;
  updatedAt: number;
}

export interface VisitorCard {
  id: string;
  hubId: string;
  hubName: string;
  alias: string;
  language: string;
  issuer: string;
  issuedAt: number;
  revoked: boolean;
  revokedReason: string | null;
}

export interface VisitorSummary {
  visitorId: string;
  /** the name when personal data were recorded, otherwise the alias of the latest card */
  displayName: string;
  aliases: string[];
  hubId: string;
  hubName: string;
  hasPersonalData: boolean;
  activeCards: number;
  lastVisit: string | null;
}

export interface VisitorDetail {
  visitorId: string;
  hubId: string;
  person: PersonData | null;
  cards: VisitorCard[];
  visits: {
    firstDay: string | null;
    lastDay: string | null;
    days: number;
    checkins: number;
    hubs: Array<{ hubId: string; hubName: string; days: number }>;
  };
}

export interface IssuedCard {
  card: VisitorCard;
  /** the signed token to print (its QR is what the kiosk reads) */
  token: string;
  qrSvg: string;
}

export const peopleRoutes = {
  search: { method: 'GET', path: '/api/dashboard/people' },
  create: { method: 'POST', path: '/api/dashboard/people' },
  get: { method: 'GET', path: '/api/dashboard/people/:visitorId' },
  /** record or correct personal data, with consent */
  put: { method: 'PUT', path: '/api/dashboard/people/:visitorId' },
  issueCard: { method: 'POST', path: '/api/dashboard/people/:visitorId/cards' },
  revokeCard: { method: 'POST', path: '/api/dashboard/people/:visitorId/cards/:cardId/revoke' },
  /** everything the server holds about the visitor, as JSON (right of access) */
  export: { method: 'GET', path: '/api/dashboard/people/:visitorId/export' },
  /** erases personal data and revokes every card (kiosks learn it as a revocation) */
  erase: { method: 'DELETE', path: '/api/dashboard/people/:visitorId' },
} as const;
