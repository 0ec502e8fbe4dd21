import { type Static, Type } from 'typebox';
import {
  EXIT_REASONS,
  ParticipantSnapshot,
  ResultAfterSixMonths,
  ResultAtExit,
} from '../programmes/participant';
import { IsoDate, StringEnum, Ulid } from '../schema/fields';
import { errorResponses, ulidParams } from './schema';

/** Enrolling a person (with a record and consent in `people`) in an operation. */
export const NewParticipant = Type.Object(
  {
    operationId: Ulid(),
    visitorId: Ulid(),
    entryDate: IsoDate({ description: 'the day they entered the operation, local date' }),
  },
  { additionalProperties: false },
);
export type NewParticipant = Static<typeof NewParticipant>;

/** The exit and the results, entered by a coordinator; the entry and its snapshot never change. */
export const ParticipantOutcome = Type.Object(
  {
    exitDate: Type.Union([IsoDate(), Type.Null()]),
    exitReason: Type.Union([StringEnum(EXIT_REASONS), Type.Null()]),
    resultAtExit: Type.Union([ResultAtExit, Type.Null()]),
    resultAfterSixMonths: Type.Union([ResultAfterSixMonths, Type.Null()]),
  },
  { additionalProperties: false },
);
export type ParticipantOutcome = Static<typeof ParticipantOutcome>;

export const Participant = Type.Object({
  id: Ulid(),
  operationId: Ulid(),
  visitorId: Ulid(),
  name: Type.String({ description: "first and last name from the person's record; '' once erased" }),
  entryDate: IsoDate(),
  snapshot: ParticipantSnapshot,
  exitDate: Type.Union([IsoDate(), Type.Null()]),
  exitReason: Type.Union([StringEnum(EXIT_REASONS), Type.Null()]),
  resultAtExit: Type.Union([ResultAtExit, Type.Null()]),
  resultAfterSixMonths: Type.Union([ResultAfterSixMonths, Type.Null()]),
  /** their active card, the one the roster entries name; null: no card, so no roster entries */
  cardId: Type.Union([Ulid(), Type.Null()]),
});
export type Participant = Static<typeof Participant>;

export const WORKLIST_KINDS = ['snapshot_missing', 'exit_results_due', 'six_month_results_due'] as const;

/** One thing missing or due about one participant. */
export const WorklistItem = Type.Object({
  participantId: Ulid(),
  operationId: Ulid(),
  operationCode: Type.String(),
  name: Type.String(),
  kind: StringEnum(WORKLIST_KINDS),
  /** snapshot_missing: the snapshot's fields that are null */
  fields: Type.Array(Type.String()),
  /** the day it became due (exit day; six months after exit); null for a missing snapshot field */
  dueOn: Type.Union([IsoDate(), Type.Null()]),
});
export type WorklistItem = Static<typeof WorklistItem>;

const tags = ['programmes'];

/**
 * Participants of operations: personal data. The admin, coordinators (who keep the funder's records city-wide,
 * issue 18 item 3) and hub leads (operations at their hubs, people of their hubs).
 */
export const participantRoutes = {
  list: {
    method: 'GET',
    path: '/api/dashboard/participants',
    schema: {
      summary: "An operation's participants",
      tags,
      querystring: Type.Object({ operationId: Ulid() }, { additionalProperties: false }),
      response: { 200: Type.Object({ participants: Type.Array(Participant) }), ...errorResponses },
    },
  },
  candidates: {
    method: 'GET',
    path: '/api/dashboard/participants/candidates',
    schema: {
      summary: 'People with a record (and consent) to enrol, by name',
      tags,
      querystring: Type.Object(
        { q: Type.String({ minLength: 2, maxLength: 80 }) },
        { additionalProperties: false },
      ),
      response: {
        200: Type.Object({
          people: Type.Array(Type.Object({ visitorId: Ulid(), name: Type.String(), hubId: Ulid() })),
        }),
        ...errorResponses,
      },
    },
  },
  enrol: {
    method: 'POST',
    path: '/api/dashboard/participants',
    schema: {
      summary:
        "Enrol a person: entry date, snapshot of their record, roster entries on the operation's future sessions",
      tags,
      body: NewParticipant,
      response: {
        200: Type.Object({ participant: Participant, rosterEntries: Type.Integer() }),
        ...errorResponses,
      },
    },
  },
  outcome: {
    method: 'PUT',
    path: '/api/dashboard/participants/:participantId',
    schema: {
      summary: 'Record the exit and the results at exit and six months later',
      tags,
      params: ulidParams('participantId'),
      body: ParticipantOutcome,
      response: { 200: Type.Object({ participant: Participant }), ...errorResponses },
    },
  },
  worklist: {
    method: 'GET',
    path: '/api/dashboard/participants/worklist',
    schema: {
      summary: 'What is missing (snapshot fields not recorded) or due (results after exit, six months on)',
      tags,
      response: { 200: Type.Object({ items: Type.Array(WorklistItem) }), ...errorResponses },
    },
  },
} as const;
