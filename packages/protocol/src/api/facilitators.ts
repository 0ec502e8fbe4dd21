import { type Static, Type } from 'typebox';
import { Ulid } from '../schema/fields';
import { HubOption } from './report-common';
import { errorResponses, Nullable, ulidParams } from './schema';

/** A facilitator's PIN as typed on the form: its rules (facilitator/pin-strength.ts) are checked with a message. */
const Pin = Type.String({ maxLength: 20, description: '6 to 10 digits, not common, sequential or repeated' });

export const FacilitatorInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    hubIds: Type.Array(Ulid(), { minItems: 1, maxItems: 100, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type FacilitatorInput = Static<typeof FacilitatorInput>;

export const NewFacilitator = Type.Object(
  { ...FacilitatorInput.properties, pin: Pin },
  { additionalProperties: false },
);
export type NewFacilitator = Static<typeof NewFacilitator>;

export const PinRequest = Type.Object({ pin: Pin }, { additionalProperties: false });
export type PinRequest = Static<typeof PinRequest>;

export const CardGrantRequest = Type.Object(
  { cardId: Ulid({ description: "a card of the server's store (a person's card)" }) },
  { additionalProperties: false },
);
export type CardGrantRequest = Static<typeof CardGrantRequest>;

export const FacilitatorRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  hubIds: Type.Array(Type.String()),
  pinSetAt: Nullable(Type.Number({ description: 'when the PIN was last set (epoch ms)' })),
  cardId: Nullable(Type.String({ description: 'the card granted facilitator mode at these hubs' })),
  /** whether the signed-in user may change this facilitator (a hub lead: only facilitators of their hubs) */
  editable: Type.Boolean(),
});
export type FacilitatorRow = Static<typeof FacilitatorRow>;

export const FacilitatorList = Type.Object({
  facilitators: Type.Array(FacilitatorRow),
  /** the hubs the signed-in user may give facilitators (not archived) */
  hubs: Type.Array(HubOption),
});
export type FacilitatorList = Static<typeof FacilitatorList>;

export const FacilitatorResponse = Type.Object({ facilitator: FacilitatorRow });
export type FacilitatorResponse = Static<typeof FacilitatorResponse>;

const params = ulidParams('facilitatorId');
const tags = ['facilitators'];

/** Facilitators and their kiosk PINs: the admin, coordinators, and a hub lead for their own hub(s). */
export const facilitatorRoutes = {
  list: {
    method: 'GET',
    path: '/api/dashboard/facilitators',
    schema: {
      summary: 'Facilitators and their hubs',
      tags,
      response: { 200: FacilitatorList, ...errorResponses },
    },
  },
  create: {
    method: 'POST',
    path: '/api/dashboard/facilitators',
    schema: {
      summary: 'New facilitator with a PIN: the hubs’ kiosks receive its scrypt hash only',
      tags,
      body: NewFacilitator,
      response: { 200: FacilitatorResponse, ...errorResponses },
    },
  },
  update: {
    method: 'PUT',
    path: '/api/dashboard/facilitators/:facilitatorId',
    schema: {
      summary: 'Rename a facilitator or change the hubs (removing a hub removes the PIN from its kiosks)',
      tags,
      params,
      body: FacilitatorInput,
      response: { 200: FacilitatorResponse, ...errorResponses },
    },
  },
  setPin: {
    method: 'POST',
    path: '/api/dashboard/facilitators/:facilitatorId/pin',
    schema: {
      summary: "Set or rotate a facilitator's PIN",
      tags,
      params,
      body: PinRequest,
      response: { 200: FacilitatorResponse, ...errorResponses },
    },
  },
  grantCard: {
    method: 'POST',
    path: '/api/dashboard/facilitators/:facilitatorId/card',
    schema: {
      summary: "Make a card the facilitator's: it opens facilitator mode at the facilitator's hubs",
      tags,
      params,
      body: CardGrantRequest,
      response: { 200: FacilitatorResponse, ...errorResponses },
    },
  },
} as const;
