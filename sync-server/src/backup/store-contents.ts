/**
 * What a store holds, as far as a restore cares: an empty store may be replaced, a store with data never.
 * `tables`: every table of its schema; `migrated`: whether the server's migrations ever ran on it (their
 * bookkeeping table exists), which tells the city's own tables from someone else's.
 */
export interface StoreContents {
  tables: string[];
  migrated: boolean;
  users: number;
  documents: number;
}

/** The name of Kysely's migration bookkeeping table (Migrator's default). */
export const MIGRATION_TABLE = 'kysely_migration';

/**
 * Why a restore may not replace this store, or undefined when it may: a store with users or documents holds a
 * city, and a database whose tables are not the server's holds something else.
 */
export function refusalToReplace(contents: StoreContents, where: string): string | undefined {
  if (contents.users > 0 || contents.documents > 0)
    return `${where} is not empty (${contents.users} users, ${contents.documents} documents): restore only into an empty store, e.g. a new file or database`;
  if (contents.tables.length > 0 && !contents.migrated)
    return `${where} holds tables that are not the city server's (${contents.tables.slice(0, 3).join(', ')}…): restore into a new, empty store`;
  return undefined;
}
