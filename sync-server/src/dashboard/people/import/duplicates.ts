import type { PeopleImportIssue, PeopleImportRow } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { fold } from './cells';
import { cellIssue } from './rows';

/** A person already registered, as far as telling duplicates apart needs. */
export interface KnownPerson {
  firstName: string;
  lastName: string;
  birthYear: number | null;
  email: string | null;
}

// The same person: same name and surname (without case or accents) and the same birth year (or both unknown).
// Homonyms born the same year are rare enough for a coordinator to resolve by hand; the e-mail, when there is
// one, belongs to one person.
const personKey = (p: KnownPerson) => `${fold(p.firstName)}|${fold(p.lastName)}|${p.birthYear ?? ''}`;
const emailKey = (email: string | null) => (email ? email.trim().toLowerCase() : null);
const who = (p: KnownPerson) => `${p.firstName} ${p.lastName}${p.birthYear ? ` (${p.birthYear})` : ''}`;

/**
 * The people a user already sees (every hub for the admin, their own hubs for a hub lead: a lead is not told who is
 * registered elsewhere), for the duplicate check.
 */
export async function knownPeople(
  db: Kysely<Database>,
  hubIds: readonly string[] | null,
): Promise<KnownPerson[]> {
  if (hubIds?.length === 0) return [];
  let query = db.selectFrom('people').select(['first_name', 'last_name', 'birth_year', 'email']);
  if (hubIds) query = query.where('hub_id', 'in', hubIds);
  return (await query.execute()).map((p) => ({
    firstName: p.first_name,
    lastName: p.last_name,
    birthYear: p.birth_year,
    email: p.email,
  }));
}

/**
 * Rows that repeat a person: an earlier row of the same file, or someone already registered (same name, surname
 * and birth year; or the same e-mail). One issue per duplicate row, naming the row or person it repeats.
 */
export function duplicateIssues(
  rows: readonly PeopleImportRow[],
  known: readonly KnownPerson[],
): PeopleImportIssue[] {
  const knownKeys = new Set(known.map(personKey));
  const knownEmails = new Set(known.map((p) => emailKey(p.email)).filter(Boolean));
  const firstRow = new Map<string, number>();
  const firstEmailRow = new Map<string, number>();
  const issues: PeopleImportIssue[] = [];
  for (const { row, person } of rows) {
    const p = { ...person, email: person.email ?? null, birthYear: person.birthYear ?? null };
    const key = personKey(p);
    const email = emailKey(p.email);
    const earlier = firstRow.get(key);
    const earlierEmail = email ? firstEmailRow.get(email) : undefined;
    if (earlier !== undefined)
      issues.push(cellIssue(row, null, `${who(p)} è già alla riga ${earlier} del file`));
    else if (knownKeys.has(key))
      issues.push(cellIssue(row, null, `${who(p)} è già tra le persone registrate`));
    else if (earlierEmail !== undefined)
      issues.push(cellIssue(row, 'email', `${p.email} è già alla riga ${earlierEmail} del file`));
    else if (email && knownEmails.has(email))
      issues.push(cellIssue(row, 'email', `${p.email} è già di una persona registrata`));
    if (earlier === undefined) firstRow.set(key, row);
    if (email && earlierEmail === undefined) firstEmailRow.set(email, row);
  }
  return issues;
}
