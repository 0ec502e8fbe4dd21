import { type Static, Type } from 'typebox';
import { targetGroup } from '../collections/common';
import { IsoDate, Ulid } from '../schema/fields';
import { errorResponses, ulidParams } from './schema';

/**
 * A funded operation (issue 18, item 1): the funder's code (unique), its dates (local days, both included), the
 * hubs it runs at, its target group and the hours planned for each participant. Sessions name it by id.
 */
export const OperationInput = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 60,
      pattern: '^\\S(.*\\S)?$',
      description: "the funder's code of the operation (e.g. the Regione's project code); unique",
    }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    startsOn: IsoDate({ description: 'first day, local date' }),
    endsOn: IsoDate({ description: 'last day (inclusive), local date; not before startsOn' }),
    hubIds: Type.Array(Ulid(), { minItems: 1, maxItems: 100, uniqueItems: true }),
    targetGroup: targetGroup(),
    plannedHours: Type.Number({
      minimum: 0,
      maximum: 10_000,
      description: 'hours planned for each participant (stored in whole minutes)',
    }),
  },
  { additionalProperties: false },
);
export type OperationInput = Static<typeof OperationInput>;

export const Operation = Type.Object({
  id: Ulid(),
  code: Type.String(),
  name: Type.String(),
  startsOn: IsoDate(),
  endsOn: IsoDate(),
  hubIds: Type.Array(Ulid()),
  targetGroup: targetGroup(),
  plannedHours: Type.Number(),
  /** how many sessions and participants it groups (an operation with either cannot be deleted) */
  sessions: Type.Integer(),
  participants: Type.Integer(),
  updatedAt: Type.Number(),
});
export type Operation = Static<typeof Operation>;

export const OperationList = Type.Object({
  operations: Type.Array(Operation),
  /** the hubs an operation may be given (not archived), by name */
  hubs: Type.Array(Type.Object({ id: Ulid(), name: Type.String() })),
});
export type OperationList = Static<typeof OperationList>;

const tags = ['programmes'];

/** Reading: the admin, coordinators and hub leads (their hubs' operations). */
export const operationReadRoutes = {
  list: {
    method: 'GET',
    path: '/api/dashboard/operations',
    schema: {
      summary: 'The funded operations the user may see (a hub lead: those at one of their hubs)',
      tags,
      response: { 200: OperationList, ...errorResponses },
    },
  },
} as const;

/** Writing: the admin and coordinators; every write is in the audit log (operation.create/update/delete). */
export const operationAdminRoutes = {
  create: {
    method: 'POST',
    path: '/api/admin/operations',
    schema: {
      summary: 'A new funded operation',
      tags,
      body: OperationInput,
      response: { 200: Type.Object({ operation: Operation }), ...errorResponses },
    },
  },
  update: {
    method: 'PUT',
    path: '/api/admin/operations/:operationId',
    schema: {
      summary: 'Change a funded operation (its sessions and participants stay as they are)',
      tags,
      params: ulidParams('operationId'),
      body: OperationInput,
      response: { 200: Type.Object({ operation: Operation }), ...errorResponses },
    },
  },
  remove: {
    method: 'DELETE',
    path: '/api/admin/operations/:operationId',
    schema: {
      summary: 'Delete an operation that has no sessions and no participants yet',
      tags,
      params: ulidParams('operationId'),
      response: { 200: Type.Object({ deleted: Ulid() }), ...errorResponses },
    },
  },
} as const;
