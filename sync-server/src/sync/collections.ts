import {
  COLLECTION_NAMES,
  type CollectionName,
  collections,
  createDocumentValidators,
  type MergeRule,
  mergeRules,
  type Scope,
  type SyncConflictPolicy,
  type ValidationIssue,
  type WriteAuthority,
} from '@vigevano/protocol';
import { ApiFailure } from '../http/api-failure';

type Body = Record<string, unknown>;

/**
 * What the sync engine needs to know of a collection. The engine is generic: the domain's collections are
 * configurations of it built from packages/protocol's registry, and a test can register its own (RxDB's
 * replication test suite runs against the server with RxDB's "human" schema).
 */
export interface SyncCollection {
  name: string;
  primaryKey: string;
  scope: Scope;
  devicesPush: boolean;
  conflict: SyncConflictPolicy;
  mergeRule?: MergeRule<Body>;
  /**
   * Who may create and change what (packages/protocol registry.ts), judged against the stored document on every
   * pushed row before any merge. Absent only for test collections (RxDB's replication suite), which trust devices.
   */
  authority?: WriteAuthority;
  /** JSON Schema check of a document body (without `_deleted`) */
  validate(doc: unknown): ValidationIssue[];
  /**
   * The hub a document belongs to (the `hub_id` column). For collections that belong to hubs, a device pushes only
   * documents whose hub is its own; `undefined` means the collection's documents belong to no hub.
   */
  hubOf?: (doc: Body) => string | null;
  /** the collection's event time (the `at` column, for range queries of reports) */
  atOf(doc: Body): number | null;
  updatedAtOf(doc: Body): number;
  /** `hub-list` scope: the hubs a document is for (empty: the whole city) */
  hubListOf?: (doc: Body) => string[];
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The event time stored in `at`, the same as the server's other writers use (demo seed, enrolment). */
const EVENT_TIME: Record<CollectionName, (doc: Body) => number | null> = {
  hubs: () => null,
  devices: (d) => num(d.enrolledAt),
  cards: (d) => num(d.issuedAt),
  checkins: (d) => num(d.deviceTime),
  sessions: (d) => num(d.startsAt),
  enrolments: () => null,
  content: (d) => num((d.schedule as { from?: unknown } | undefined)?.from),
  // Proof of play is counted per local day: the document's last update stands for the day.
  plays: (d) => num(d.updatedAt),
  card_keys: () => null,
  annulments: (d) => num(d.annulledAt),
  // a refusal counter stands for its hour; its last update is within it
  refusals: (d) => num(d.updatedAt),
  notices: (d) => num(d.startsAt),
};

function domainCollections(): SyncCollection[] {
  const validators = createDocumentValidators();
  return COLLECTION_NAMES.map((name) => {
    const def = collections[name];
    const rule = (mergeRules as unknown as Record<string, MergeRule<Body> | undefined>)[name];
    return {
      name,
      primaryKey: def.schema.primaryKey,
      scope: def.scope,
      devicesPush: def.devicesPush,
      conflict: def.conflict,
      mergeRule: rule,
      authority: def.authority,
      validate: validators[name],
      // hubs are their own hub; content and notices belong to no single hub (they list their hubs instead), card
      // keys to none
      hubOf:
        name === 'hubs'
          ? (d) => str(d.id)
          : def.scope === 'hub-list' || name === 'card_keys'
            ? undefined
            : (d) => str(d.hubId),
      atOf: EVENT_TIME[name],
      updatedAtOf: (d) => num(d.updatedAt) ?? 0,
      hubListOf:
        def.scope === 'hub-list'
          ? (d) => (Array.isArray(d.hubIds) ? d.hubIds.filter((h) => typeof h === 'string') : [])
          : undefined,
    } satisfies SyncCollection;
  });
}

const registry = new Map<string, SyncCollection>(domainCollections().map((c) => [c.name, c]));

/** Adds a collection to the engine (tests: RxDB's replication suite). Domain collections are there already. */
export function registerSyncCollection(collection: SyncCollection): void {
  registry.set(collection.name, collection);
}

/** The collection of a sync URL, or a 404 that names it. */
export function syncCollection(name: string): SyncCollection {
  const found = registry.get(name);
  if (!found)
    throw new ApiFailure('unknown_collection', `unknown collection "${name.slice(0, 60)}"`, {
      known: [...registry.keys()],
    });
  return found;
}
