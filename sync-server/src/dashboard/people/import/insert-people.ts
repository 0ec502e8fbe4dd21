import type { PeopleImportRow } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import { ulid } from 'ulid';
import type { Database } from '../../../store/schema';
import { personRow } from '../store';

// Rows per INSERT: 17 columns × 500 stays far below SQLite's 32 766 and PostgreSQL's 65 535 bound parameters.
const CHUNK = 500;

/** `values` in slices of CHUNK, one INSERT each. */
function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

/**
 * Registers new visitors with their personal data, as savePerson does for one (the same `people` row, their
 * disadvantaged groups, a `consented` entry in people_log), in a few multi-row INSERTs: 5 000 people one by one
 * would be tens of thousands of round trips on PostgreSQL. Each visitor gets a new id, so none has visits yet and
 * the ESF+ counts (which count visits) do not change: savePerson's report delta would be zero. Returns the ids,
 * in row order. Runs in the caller's transaction.
 */
export async function insertNewPeople(
  tx: Transaction<Database>,
  rows: readonly PeopleImportRow[],
  byUser: string,
  now: number,
): Promise<string[]> {
  const ids = rows.map(() => ulid(now));
  const people = rows.map((r, i) => personRow(ids[i] as string, r.hubId, r.person, byUser, now));
  for (const chunk of chunks(people)) await tx.insertInto('people').values(chunk).execute();
  const groups = rows.flatMap((r, i) =>
    (r.person.disadvantaged ?? []).map((grp) => ({ visitor_id: ids[i] as string, grp })),
  );
  for (const chunk of chunks(groups)) await tx.insertInto('person_disadvantages').values(chunk).execute();
  const log = ids.map((visitorId) => ({
    id: ulid(now),
    visitor_id: visitorId,
    action: 'consented',
    at: now,
    by_user: byUser,
  }));
  for (const chunk of chunks(log)) await tx.insertInto('people_log').values(chunk).execute();
  return ids;
}
