import type { PersonData, PersonInput, SessionUser } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import { type AuditEntry, recordAudit, userActor } from '../../audit/audit-log';
import type { Database } from '../../store/schema';
import { logPeople } from './store';

/**
 * What the audit log may say about a person's data: the names of the fields, never their values. The log is
 * append-only (migration 0010) while a person may ask for erasure (GDPR art. 17): a name, an e-mail or a
 * characteristic written into the log could never be taken out again. The visitor id (a pseudonym) names the
 * person; the people page shows the rest while it exists.
 */
const PERSON_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'birthYear',
  'gender',
  'employment',
  'education',
  'disadvantaged',
] as const satisfies ReadonlyArray<keyof PersonInput & keyof PersonData>;

/** A field's value compared the way it is stored: trimmed text, absent = null, groups in order. */
function comparable(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.trim());
  if (Array.isArray(value)) return JSON.stringify([...value].sort());
  return JSON.stringify(value);
}

/** The fields `input` records (a value other than null or absent): for a creation. */
export function recordedFields(input: PersonInput): string[] {
  return PERSON_FIELDS.filter((f) => input[f] !== undefined && input[f] !== null);
}

/** The fields whose value `input` changes from `before` (every recorded one when there was nothing before). */
export function changedFields(before: PersonData | null, input: PersonInput): string[] {
  if (!before) return recordedFields(input);
  return PERSON_FIELDS.filter((f) => comparable(before[f]) !== comparable(input[f]));
}

/**
 * Records an action on a person's data twice, in the caller's transaction: in the people log (people_log: who
 * touched which person, kept with the person's data) and in the city's audit log (`entry`, by `user`).
 */
export async function recordPeopleAction(
  tx: Transaction<Database>,
  user: SessionUser,
  visitorId: string,
  logAction: Parameters<typeof logPeople>[2],
  entry: Omit<AuditEntry, 'actor'>,
): Promise<void> {
  await logPeople(tx, visitorId, logAction, user.id);
  await recordAudit(tx, { actor: userActor(user), ...entry });
}
