import { CONSENT_TEXT_VERSION, type PersonData, type PersonInput } from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import type { PersonTraits } from '../../reports/contributions';
import { ReportDelta } from '../../reports/delta';
import { applyTraitsChange, loadTraits } from '../../reports/visitors';
import type { Database } from '../../store/schema';

type Row = Database['people'];

function searchKey(input: Pick<PersonInput, 'firstName' | 'lastName' | 'email'>): string {
  return [input.firstName, input.lastName, input.email ?? ''].join(' ').toLowerCase().slice(0, 400);
}

function traitsOf(input: PersonInput): PersonTraits {
  return {
    birth_year: input.birthYear ?? null,
    gender: input.gender ?? null,
    employment: input.employment ?? null,
    education: input.education ?? null,
    disadvantaged: input.disadvantaged ? [...input.disadvantaged].sort() : null,
  };
}

/** The `people` row of a visitor's personal data, consented now by `byUser` (created now, for a new row). */
export function personRow(
  visitorId: string,
  hubId: string,
  input: PersonInput,
  byUser: string,
  now: number,
): Row {
  return {
    visitor_id: visitorId,
    hub_id: hubId,
    first_name: input.firstName.trim(),
    last_name: input.lastName.trim(),
    email: input.email ?? null,
    phone: input.phone ?? null,
    birth_year: input.birthYear ?? null,
    gender: input.gender ?? null,
    employment: input.employment ?? null,
    education: input.education ?? null,
    disadvantaged_recorded: input.disadvantaged ? 1 : 0,
    search_key: searchKey(input),
    consent_at: now,
    consent_by: byUser,
    consent_text_version: CONSENT_TEXT_VERSION,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Records or corrects a visitor's personal data, with their consent (the input cannot be valid without it), and
 * moves the visitor's ESF+ counts to the new characteristics in the same transaction.
 */
export async function savePerson(
  db: Kysely<Database>,
  visitorId: string,
  hubId: string,
  input: PersonInput,
  byUser: string,
  now = Date.now(),
): Promise<void> {
  const work = async (tx: Transaction<Database>) => {
    const before = (await loadTraits(tx, [visitorId])).get(visitorId) ?? null;
    const existing = await tx
      .selectFrom('people')
      .select(['hub_id', 'created_at'])
      .where('visitor_id', '=', visitorId)
      .executeTakeFirst();
    const row: Row = {
      ...personRow(visitorId, existing?.hub_id ?? hubId, input, byUser, now),
      created_at: existing?.created_at ?? now,
    };
    const { visitor_id: _id, created_at: _created, ...changes } = row;
    await tx
      .insertInto('people')
      .values(row)
      .onConflict((oc) => oc.column('visitor_id').doUpdateSet(changes))
      .execute();
    await tx.deleteFrom('person_disadvantages').where('visitor_id', '=', visitorId).execute();
    const groups = input.disadvantaged ?? [];
    if (groups.length > 0)
      await tx
        .insertInto('person_disadvantages')
        .values(groups.map((grp) => ({ visitor_id: visitorId, grp })))
        .execute();
    await logPeople(tx, visitorId, existing ? 'updated' : 'consented', byUser, now);
    const delta = new ReportDelta();
    await applyTraitsChange(tx, visitorId, before, traitsOf(input), delta);
    await delta.flush(tx);
  };
  if (db.isTransaction) await work(db as Transaction<Database>);
  else await db.transaction().execute(work);
}

/**
 * Deletes a visitor's personal data; their pseudonymous visits stay, counted as "not recorded". Their
 * participations in funded operations (entry snapshot, exit, results) go too: the snapshot is personal data, and
 * the right to erasure (GDPR art. 17) outweighs keeping the funder's record once the person asks, so reports of
 * past periods change (the erase confirmation on the people page says so). Decision of issue 18, item 3.
 */
export async function deletePersonData(
  tx: Transaction<Database>,
  visitorId: string,
  byUser: string,
  now: number,
): Promise<void> {
  const before = (await loadTraits(tx, [visitorId])).get(visitorId) ?? null;
  await tx.deleteFrom('person_disadvantages').where('visitor_id', '=', visitorId).execute();
  await tx.deleteFrom('people').where('visitor_id', '=', visitorId).execute();
  await tx.deleteFrom('participants').where('visitor_id', '=', visitorId).execute();
  await logPeople(tx, visitorId, 'erased', byUser, now);
  if (before) {
    const delta = new ReportDelta();
    await applyTraitsChange(tx, visitorId, before, null, delta);
    await delta.flush(tx);
  }
}

export async function logPeople(
  db: Kysely<Database>,
  visitorId: string,
  action: 'consented' | 'updated' | 'exported' | 'erased' | 'card_issued' | 'card_revoked',
  byUser: string,
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto('people_log')
    .values({ id: ulid(now), visitor_id: visitorId, action, at: now, by_user: byUser })
    .execute();
}

export async function getPerson(db: Kysely<Database>, visitorId: string): Promise<PersonData | null> {
  const p = await db.selectFrom('people').selectAll().where('visitor_id', '=', visitorId).executeTakeFirst();
  if (!p) return null;
  const groups = await db
    .selectFrom('person_disadvantages')
    .select('grp')
    .where('visitor_id', '=', visitorId)
    .orderBy('grp')
    .execute();
  return {
    firstName: p.first_name,
    lastName: p.last_name,
    email: p.email,
    phone: p.phone,
    birthYear: p.birth_year,
    gender: p.gender,
    employment: p.employment,
    education: p.education,
    disadvantaged: p.disadvantaged_recorded ? groups.map((g) => g.grp) : null,
    consentAt: Number(p.consent_at),
    consentBy: p.consent_by,
    consentTextVersion: p.consent_text_version,
    hubId: p.hub_id,
    updatedAt: Number(p.updated_at),
  };
}
