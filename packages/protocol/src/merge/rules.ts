import type { Card } from '../collections/cards';
import type { Enrolment } from '../collections/enrolments';
import type { Play } from '../collections/plays';
import type { Refusal } from '../collections/refusals';
import type { Session } from '../collections/sessions';
import { canonicalJson } from './same-document';

/**
 * The merge rules of the collections whose conflict policy is `merge` (packages/protocol/src/collections/registry.ts
 * states each rule in words; registry and rules are checked against each other by merge.test.ts).
 *
 * A rule gets the server's current state (`master`) and a kiosk's concurrent state (`incoming`) and returns the
 * state both sides settle on. The server applies it to a push whose assumed master state is stale; the kiosk's
 * conflict handler applies the same function to what the server answers, so both sides agree. Every rule is
 * idempotent (merging a document that already contains the other side changes nothing), which is what lets the
 * kiosk re-apply it to an already merged server state without pushing again, forever.
 */
export type Replicated<T> = T & { _deleted: boolean };
export type MergeRule<T> = (master: Replicated<T>, incoming: Replicated<T>) => Replicated<T>;

interface Stamped {
  updatedAt: number;
}

/**
 * The later of two states by updatedAt. A tie goes to the larger canonical JSON of the fields the winner
 * contributes (not the merged ones), so either order, and a state already merged, picks the same side.
 */
function later<T extends Stamped>(a: T, b: T, merged: readonly string[]): T {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  const contributed = (doc: T) =>
    canonicalJson(Object.fromEntries(Object.entries(doc).filter(([k]) => !merged.includes(k))));
  return contributed(a) >= contributed(b) ? a : b;
}

const SESSION_STATUS_RANK: Record<Session['status'], number> = {
  planned: 0,
  open: 1,
  closed: 2,
  cancelled: 3,
};
const MAX_NOTES = 4000;

const linesOf = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/**
 * Both sides' notes kept, line by line: a side whose lines the other already has adds nothing; otherwise the union
 * of the lines, the lexically smaller text's first. Lines never repeat, so repeated merges of concurrent edits
 * cannot grow the notes (joining whole texts would, and would then hit the cap and drop notes).
 */
function mergeNotes(a: string, b: string, winner: string): string {
  const linesA = linesOf(a);
  const linesB = linesOf(b);
  if (linesB.every((line) => linesA.includes(line))) return a;
  if (linesA.every((line) => linesB.includes(line))) return b;
  const [first, second] = a <= b ? [linesA, linesB] : [linesB, linesA];
  const joined = [...new Set([...first, ...second])].join('\n');
  // The schema caps notes; past it the later edit's text is kept whole rather than cutting both.
  return joined.length <= MAX_NOTES ? joined : winner;
}

/**
 * sessions: status only moves forward (planned, open, closed; cancelled wins); notes from both sides are kept;
 * other fields: the later updatedAt wins.
 */
export const mergeSessions: MergeRule<Session> = (master, incoming) => {
  const winner = later(master, incoming, ['status', 'notes', 'updatedAt', '_deleted']);
  const status =
    SESSION_STATUS_RANK[master.status] >= SESSION_STATUS_RANK[incoming.status]
      ? master.status
      : incoming.status;
  return {
    ...winner,
    status,
    notes: mergeNotes(master.notes, incoming.notes, winner.notes),
    updatedAt: Math.max(master.updatedAt, incoming.updatedAt),
    _deleted: master._deleted || incoming._deleted,
  };
};

/**
 * cards: identity fields never change after issue; revoked only goes from false to true (a revocation always
 * wins). The stored (master) revocation's time and reason are kept once there is one: the write authority lets a
 * device set them once only, so a kiosk's later resolution never rewrites them (and never loops on a refusal).
 */
export const mergeCards: MergeRule<Card> = (master, incoming) => {
  const revocation = master.revoked ? master : incoming.revoked ? incoming : undefined;
  // Everything but the revocation is the master's: it was fixed at issue (identity, role, language, alias…).
  const { revokedAt: _at, revokedReason: _reason, ...identity } = master;
  const merged: Replicated<Card> = {
    ...identity,
    revoked: revocation !== undefined,
    updatedAt: Math.max(master.updatedAt, incoming.updatedAt),
    _deleted: master._deleted || incoming._deleted,
  };
  if (revocation?.revokedAt !== undefined) merged.revokedAt = revocation.revokedAt;
  if (revocation?.revokedReason !== undefined) merged.revokedReason = revocation.revokedReason;
  return merged;
};

/**
 * enrolments: one entry per session and card (the id says so); attendance: the later updatedAt wins (who marked it
 * goes with it); walkIn stays true once true; an alias emptied (the server erased the visitor) stays empty, so a
 * kiosk's copy marked later cannot bring it back.
 */
export const mergeEnrolments: MergeRule<Enrolment> = (master, incoming) => {
  const winner = later(master, incoming, ['alias', 'walkIn', 'updatedAt', '_deleted']);
  const latest =
    master.updatedAt !== incoming.updatedAt
      ? (master.updatedAt > incoming.updatedAt ? master : incoming).alias
      : ([master.alias, incoming.alias].sort()[1] as string);
  return {
    ...winner,
    alias: master.alias === '' || incoming.alias === '' ? '' : latest,
    walkIn: master.walkIn || incoming.walkIn,
    updatedAt: Math.max(master.updatedAt, incoming.updatedAt),
    _deleted: master._deleted || incoming._deleted,
  };
};

/**
 * plays: one writer per document (the kiosk in its id): shows and seconds only grow, the larger wins.
 */
export const mergePlays: MergeRule<Play> = (master, incoming) => ({
  ...master,
  shows: Math.max(master.shows, incoming.shows),
  seconds: Math.max(master.seconds, incoming.seconds),
  updatedAt: Math.max(master.updatedAt, incoming.updatedAt),
  _deleted: master._deleted || incoming._deleted,
});

/**
 * refusals: one writer per document (the kiosk in its id): count only grows, the larger wins.
 */
export const mergeRefusals: MergeRule<Refusal> = (master, incoming) => ({
  ...master,
  count: Math.max(master.count, incoming.count),
  updatedAt: Math.max(master.updatedAt, incoming.updatedAt),
  _deleted: master._deleted || incoming._deleted,
});

/** The merge rule of each collection whose policy is `merge`, by collection name. */
export const mergeRules = {
  cards: mergeCards,
  sessions: mergeSessions,
  enrolments: mergeEnrolments,
  plays: mergePlays,
  refusals: mergeRefusals,
} as const;
