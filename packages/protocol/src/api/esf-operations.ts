import { type Static, Type } from 'typebox';
import { AGE_BANDS } from '../collections/checkins';
import { IsoDate } from '../schema/fields';
import { errorResponses, Nullable, rawResponse, ulidParams } from './schema';

// The ESF+ report per funded operation and period (issue 18, item 6): participants counted once per operation by
// their entry snapshot, broken down by gender, with the result indicators and the guests apart. The indicators'
// codes, labels and rules: programmes/esf-operation-indicators.ts.

/**
 * An operation (by the funder's code, as people type it; none: every operation the user may see) and a period of
 * local days, inclusive. The server refuses an end before the start and an unknown code.
 */
export const EsfOperationQuery = Type.Object(
  {
    operation: Type.Optional(
      Type.String({ minLength: 1, maxLength: 60, description: "the operation's code" }),
    ),
    from: IsoDate(),
    to: IsoDate(),
  },
  { additionalProperties: false },
);
export type EsfOperationQuery = Static<typeof EsfOperationQuery>;

/** One indicator's count, in total and by gender at entry. */
export const EsfCountRow = Type.Object({
  code: Nullable(Type.String()),
  label: Type.String(),
  total: Type.Number(),
  female: Type.Number(),
  male: Type.Number(),
  nonBinary: Type.Number(),
  notRecorded: Type.Number(),
});
export type EsfCountRow = Static<typeof EsfCountRow>;

export const EsfOperationOption = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
});
export type EsfOperationOption = Static<typeof EsfOperationOption>;

export const EsfOperationReport = Type.Object({
  query: Type.Object({ operation: Nullable(Type.String()), from: Type.String(), to: Type.String() }),
  /** the operations the user may see (at their hubs, for a hub lead), for the page's choice */
  operations: Type.Array(EsfOperationOption),
  participants: Type.Number({
    description: 'participants who entered in the period, once per operation (EECO01)',
  }),
  /** EECO01–EECO17 and the not-recorded lines, by entry snapshot, for participants who entered in the period */
  outputs: Type.Array(EsfCountRow),
  leavers: Type.Number({
    description: 'participants who left in the period: the result indicators count among them',
  }),
  /** EECR01–EECR06 among the leavers */
  results: Type.Array(EsfCountRow),
  /** check-ins of guests (no card) at the operation's sessions in the period, by age band */
  guests: Type.Array(
    Type.Object({ ageBand: Type.Enum(AGE_BANDS), label: Type.String(), checkins: Type.Number() }),
  ),
  /** participants of the period with a characteristic or a due result not recorded (the list: the missing route) */
  missing: Type.Number(),
});
export type EsfOperationReport = Static<typeof EsfOperationReport>;

export const EsfMissingRow = Type.Object({
  participantId: Type.String(),
  operationCode: Type.String(),
  /** first and last name; the visitor id when the person's record was erased */
  name: Type.String(),
  entryDate: Type.String(),
  exitDate: Nullable(Type.String()),
  /** what is missing, in Italian (ESF_SNAPSHOT_FIELD_LABEL, ESF_RESULT_FIELD_LABEL) */
  fields: Type.Array(Type.String()),
});
export type EsfMissingRow = Static<typeof EsfMissingRow>;

export const esfOperationRoutes = {
  get: {
    method: 'GET',
    path: '/api/dashboard/esf-operations',
    schema: {
      summary: 'ESF+ output and result indicators of an operation (or all) in a period, by gender',
      tags: ['reports'],
      querystring: EsfOperationQuery,
      response: { 200: EsfOperationReport, ...errorResponses },
    },
  },
  csv: {
    method: 'GET',
    path: '/api/dashboard/esf-operations.csv',
    schema: {
      summary:
        'The ESF+ operation report as CSV: indicator codes, Italian labels and number format (text/csv)',
      tags: ['reports'],
      produces: ['text/csv'],
      querystring: EsfOperationQuery,
      response: { 200: rawResponse('text/csv', 'one line per indicator'), ...errorResponses },
    },
  },
  xlsx: {
    method: 'GET',
    path: '/api/dashboard/esf-operations.xlsx',
    schema: {
      summary: 'The ESF+ operation report as an Excel workbook (indicators, results, guests, missing data)',
      tags: ['reports'],
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      querystring: EsfOperationQuery,
      response: {
        200: rawResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'the workbook'),
        ...errorResponses,
      },
    },
  },
  missing: {
    method: 'GET',
    path: '/api/dashboard/esf-operations/missing',
    schema: {
      summary: 'Participants of the period whose characteristics at entry or due results are not recorded',
      tags: ['reports'],
      querystring: EsfOperationQuery,
      response: { 200: Type.Array(EsfMissingRow), ...errorResponses },
    },
  },
} as const;

/** The attendance registers as PDF (issue 18, item 7): they name participants. */
export const registerRoutes = {
  session: {
    method: 'GET',
    path: '/api/dashboard/registers/sessions/:sessionId',
    schema: {
      summary: "A session's attendance register (application/pdf)",
      tags: ['reports'],
      produces: ['application/pdf'],
      params: ulidParams('sessionId'),
      response: { 200: rawResponse('application/pdf', 'the register'), ...errorResponses },
    },
  },
  operation: {
    method: 'GET',
    path: '/api/dashboard/registers/operations/:operationId',
    schema: {
      summary:
        "An operation's attendance register: every session, then each participant's hours (application/pdf)",
      tags: ['reports'],
      produces: ['application/pdf'],
      params: ulidParams('operationId'),
      response: { 200: rawResponse('application/pdf', 'the register'), ...errorResponses },
    },
  },
} as const;
