import { Compile } from 'typebox/compile';
import { issuesOf, type ValidationIssue } from '../schema/issues';
import { type CollectionName, collections } from './registry';

export type DocumentValidator = (doc: unknown) => ValidationIssue[];

/**
 * Compiles one validator per collection from the same schema RxDB stores documents with, so kiosk and server agree
 * on what a valid document is. RxDB's own keywords (version, primaryKey, indexes) are annotations to TypeBox.
 * Replication metadata (`_deleted`, `_rev`, `_meta`, `_attachments`) is not part of the document and must be
 * stripped by the caller. A validator answers [] for a valid document, otherwise every issue, each naming its field.
 */
export function createDocumentValidators(): Record<CollectionName, DocumentValidator> {
  const out = {} as Record<CollectionName, DocumentValidator>;
  for (const name of Object.keys(collections) as CollectionName[]) {
    const validator = Compile(collections[name].schema);
    out[name] = (doc) => (validator.Check(doc) ? [] : issuesOf(validator.Errors(doc)));
  }
  return out;
}
