import type { EsfMissingRow, EsfOperationQuery, EsfOperationReport, SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { esfCounts, missingFields } from './counts';
import { guestCheckins } from './guests';
import { participationsInPeriod } from './participants';
import { reportOperations } from './scope';
import { operationSessions } from './sessions';

/**
 * The ESF+ report of an operation (or of every operation the user may see) in a period of local days: output
 * indicators by entry snapshot, result indicators of those who left, guests apart, and how many participations
 * miss data. Throws ApiFailure for an end before the start, an unknown operation code or one outside a hub lead's
 * hubs.
 */
export async function esfOperationReport(
  db: Kysely<Database>,
  user: SessionUser,
  q: EsfOperationQuery,
): Promise<EsfOperationReport> {
  const { chosen, visible } = await reportOperations(db, user, q);
  const ids = chosen.map((o) => o.id);
  const [participations, sessions] = await Promise.all([
    participationsInPeriod(db, ids, q.from, q.to),
    operationSessions(db, chosen, q.from, q.to),
  ]);
  const guests = await guestCheckins(
    db,
    sessions.map((s) => s.id),
  );
  return {
    query: { operation: q.operation ?? null, from: q.from, to: q.to },
    operations: visible.map((o) => ({ id: o.id, code: o.code, name: o.name })),
    ...esfCounts(participations, q.from, q.to),
    guests,
    missing: participations.filter((p) => missingFields(p, q.from, q.to).length > 0).length,
  };
}

/**
 * The participations of the period with data missing, and what is missing, by name (personal data: the route is
 * for the admin and hub leads). A person whose record was erased is named by their visitor id.
 */
export async function esfMissingList(
  db: Kysely<Database>,
  user: SessionUser,
  q: EsfOperationQuery,
): Promise<EsfMissingRow[]> {
  const { chosen } = await reportOperations(db, user, q);
  const codes = new Map(chosen.map((o) => [o.id, o.code]));
  const participations = await participationsInPeriod(db, [...codes.keys()], q.from, q.to);
  const rows = participations
    .map((p) => ({ p, fields: missingFields(p, q.from, q.to) }))
    .filter((r) => r.fields.length > 0);
  const visitorIds = [...new Set(rows.map((r) => r.p.visitorId))];
  const names = new Map<string, string>();
  for (let i = 0; i < visitorIds.length; i += 500) {
    const people = await db
      .selectFrom('people')
      .select(['visitor_id', 'first_name', 'last_name'])
      .where('visitor_id', 'in', visitorIds.slice(i, i + 500))
      .execute();
    for (const person of people) names.set(person.visitor_id, `${person.first_name} ${person.last_name}`);
  }
  return rows
    .map(({ p, fields }) => ({
      participantId: p.id,
      operationCode: codes.get(p.operationId) ?? '',
      name: names.get(p.visitorId) ?? p.visitorId,
      entryDate: p.entryDate,
      exitDate: p.exitDate,
      fields,
    }))
    .sort((a, b) => a.operationCode.localeCompare(b.operationCode) || a.name.localeCompare(b.name, 'it'));
}
