import { type Static, type TSchema, Type } from 'typebox';
import { LanguageCode, Ulid } from '../schema/fields';
import { DISADVANTAGED_GROUPS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS } from './esf';
import { errorResponses, ulidParams } from './schema';

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
    hubId: Ulid(),
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

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PersonData = Type.Object({
  firstName: Type.String(),
  lastName: Type.String(),
  email: NullableString,
  phone: NullableString,
  birthYear: Type.Union([Type.Number(), Type.Null()]),
  gender: NullableString,
  employment: NullableString,
  education: NullableString,
  disadvantaged: Type.Union([Type.Array(Type.String()), Type.Null()]),
  consentAt: Type.Number(),
  consentBy: Type.String(),
  consentTextVersion: Type.String(),
  hubId: Type.String(),
  updatedAt: Type.Number(),
});
export type PersonData = Static<typeof PersonData>;

export const VisitorCard = Type.Object({
  id: Type.String(),
  hubId: Type.String(),
  hubName: Type.String(),
  alias: Type.String(),
  language: Type.String(),
  issuer: Type.String(),
  issuedAt: Type.Number(),
  revoked: Type.Boolean(),
  revokedReason: NullableString,
});
export type VisitorCard = Static<typeof VisitorCard>;

export const VisitorSummary = Type.Object({
  visitorId: Type.String(),
  displayName: Type.String({
    description: 'the name when personal data were recorded, otherwise the alias of the latest card',
  }),
  aliases: Type.Array(Type.String()),
  hubId: Type.String(),
  hubName: Type.String(),
  hasPersonalData: Type.Boolean(),
  activeCards: Type.Number(),
  lastVisit: NullableString,
});
export type VisitorSummary = Static<typeof VisitorSummary>;

export const VisitorDetail = Type.Object({
  visitorId: Type.String(),
  hubId: Type.String(),
  person: Type.Union([PersonData, Type.Null()]),
  cards: Type.Array(VisitorCard),
  visits: Type.Object({
    firstDay: NullableString,
    lastDay: NullableString,
    days: Type.Number(),
    checkins: Type.Number(),
    hubs: Type.Array(Type.Object({ hubId: Type.String(), hubName: Type.String(), days: Type.Number() })),
  }),
});
export type VisitorDetail = Static<typeof VisitorDetail>;

export const IssuedCard = Type.Object({
  card: VisitorCard,
  token: Type.String({ description: 'the signed token to print (its QR is what the kiosk reads)' }),
  qrSvg: Type.String(),
});
export type IssuedCard = Static<typeof IssuedCard>;

export const PeopleSearchResults = Type.Object({ results: Type.Array(VisitorSummary) });
export type PeopleSearchResults = Static<typeof PeopleSearchResults>;
/** A new visitor: their id and their first card. */
export const NewVisitorResponse = Type.Object({ visitorId: Type.String(), ...IssuedCard.properties });
export type NewVisitorResponse = Static<typeof NewVisitorResponse>;

const visitorParams = ulidParams('visitorId');
const tags = ['people'];

export const peopleRoutes = {
  search: {
    method: 'GET',
    path: '/api/dashboard/people',
    schema: {
      summary: 'Find visitors by name or card alias',
      tags,
      querystring: PeopleSearchQuery,
      response: { 200: PeopleSearchResults, ...errorResponses },
    },
  },
  create: {
    method: 'POST',
    path: '/api/dashboard/people',
    schema: {
      summary: 'Register a visitor at the desk: a card, and personal data with consent',
      tags,
      body: NewVisitorRequest,
      response: { 200: NewVisitorResponse, ...errorResponses },
    },
  },
  get: {
    method: 'GET',
    path: '/api/dashboard/people/:visitorId',
    schema: {
      summary: 'A visitor: personal data, cards, visits',
      tags,
      params: visitorParams,
      response: { 200: VisitorDetail, ...errorResponses },
    },
  },
  /** record or correct personal data, with consent */
  put: {
    method: 'PUT',
    path: '/api/dashboard/people/:visitorId',
    schema: {
      summary: 'Record or correct personal data, with consent',
      tags,
      params: visitorParams,
      body: PersonInput,
      response: { 200: VisitorDetail, ...errorResponses },
    },
  },
  issueCard: {
    method: 'POST',
    path: '/api/dashboard/people/:visitorId/cards',
    schema: {
      summary: 'Issue another card to a visitor',
      tags,
      params: visitorParams,
      body: NewCardRequest,
      response: { 200: IssuedCard, ...errorResponses },
    },
  },
  revokeCard: {
    method: 'POST',
    path: '/api/dashboard/people/:visitorId/cards/:cardId/revoke',
    schema: {
      summary: "Revoke one of a visitor's cards",
      tags,
      params: ulidParams('visitorId', 'cardId'),
      body: RevokeCardRequest,
      response: { 200: Type.Object({ revoked: Type.Number() }), ...errorResponses },
    },
  },
  /** everything the server holds about the visitor, as JSON (right of access) */
  export: {
    method: 'GET',
    path: '/api/dashboard/people/:visitorId/export',
    schema: {
      summary: 'Everything the server holds about a visitor, as a JSON download (right of access)',
      tags,
      params: visitorParams,
      response: {
        200: Type.Object({}, { additionalProperties: true, description: 'the stored rows, as kept' }),
        ...errorResponses,
      },
    },
  },
  /** erases personal data and revokes every card (kiosks learn it as a revocation) */
  erase: {
    method: 'DELETE',
    path: '/api/dashboard/people/:visitorId',
    schema: {
      summary: 'Erase personal data and revoke every card',
      tags,
      params: visitorParams,
      response: { 200: Type.Object({ erased: Type.Literal(true) }), ...errorResponses },
    },
  },
} as const;
