import {
  type CollectionName,
  collections,
  type MergeRule,
  mergeRules,
  sameDocument,
} from '@vigevano/protocol';
import type { RxConflictHandler } from 'rxdb';

type Doc = Record<string, unknown>;

/**
 * The RxDB conflict handler of a collection (give it to `addCollections` as `conflictHandler`): the same written
 * policy the server applies (packages/protocol/src/merge). For `merge` collections the kiosk merges the server's
 * state with its own by the collection's rule; since the server already merged what it could, the result is
 * usually the server's state and nothing is pushed again. Immutable and server-only collections take the server's
 * state: the original check-in wins, and server documents are the server's.
 */
export function conflictHandlerFor(name: CollectionName): RxConflictHandler<Doc> {
  const policy = collections[name].conflict;
  const rule =
    policy.kind === 'merge'
      ? (mergeRules as unknown as Record<string, MergeRule<Doc> | undefined>)[name]
      : undefined;
  return {
    isEqual: (a, b) => sameDocument(a, b),
    resolve: async (input) =>
      rule
        ? (rule(
            input.realMasterState as Doc & { _deleted: boolean },
            input.newDocumentState as Doc & { _deleted: boolean },
          ) as typeof input.realMasterState)
        : input.realMasterState,
  };
}
