import type { ConflictPolicy } from '../collections/registry';
import type { MergeRule, Replicated } from './rules';
import { sameDocument } from './same-document';

/**
 * The policies the sync engine knows: the domain's (registry.ts) plus `compare-and-set`, RxDB's own default
 * (a push applies only if the kiosk saw the current server state, otherwise the server state is returned), used by
 * collections without a domain rule, such as the test collection of RxDB's replication test suite.
 */
export type SyncConflictPolicy = ConflictPolicy | { kind: 'compare-and-set' };

/** What the server does with one pushed row. */
export type PushDecision<T> =
  /** store the pushed state as it is (a new document, or the kiosk had seen the current one) */
  | { kind: 'write'; doc: Replicated<T> }
  /** nothing to store and nothing to report: the server already holds exactly this */
  | { kind: 'unchanged' }
  /** refuse the pushed state; the kiosk gets the server's state back as the conflict and adopts it */
  | { kind: 'conflict'; master: Replicated<T> }
  /** store the merge of both states and send it back, so the kiosk adopts it without pushing again */
  | { kind: 'merged'; doc: Replicated<T> };

export interface PushInput<T> {
  /** the server's current state; undefined if it has none */
  master: Replicated<T> | undefined;
  incoming: Replicated<T>;
  /** the server state the kiosk last saw; absent when it thinks the document is new */
  assumed: Replicated<T> | null | undefined;
}

/**
 * Settles one pushed row by the collection's policy. Pure, so the server's decision can be tested exhaustively and
 * the kiosk can apply the same rule in its conflict handler. `server-only` never reaches here: the engine refuses
 * such pushes outright.
 */
export function decidePush<T>(
  policy: SyncConflictPolicy,
  input: PushInput<T>,
  mergeRule?: MergeRule<T>,
): PushDecision<T> {
  const { master, incoming, assumed } = input;
  if (master === undefined) return { kind: 'write', doc: incoming };
  switch (policy.kind) {
    case 'server-only':
      return { kind: 'conflict', master };
    case 'immutable':
      // The first write wins forever: the same body again is a no-op (a retried push), anything else a conflict.
      return sameDocument(master, incoming) ? { kind: 'unchanged' } : { kind: 'conflict', master };
    case 'compare-and-set':
      return assumed && sameDocument(assumed, master)
        ? { kind: 'write', doc: incoming }
        : { kind: 'conflict', master };
    case 'merge': {
      if (sameDocument(master, incoming)) return { kind: 'unchanged' };
      if (assumed && sameDocument(assumed, master)) return { kind: 'write', doc: incoming };
      if (!mergeRule) throw new Error('merge policy without a merge rule');
      const merged = mergeRule(master, incoming);
      return sameDocument(merged, master) ? { kind: 'conflict', master } : { kind: 'merged', doc: merged };
    }
  }
}
