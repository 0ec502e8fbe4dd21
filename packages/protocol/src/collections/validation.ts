import { Ajv, type ValidateFunction } from 'ajv';
import { type CollectionName, collections } from './registry';

/** RxDB's own schema keywords: JSON Schema validators must accept them as annotations. */
const RXDB_KEYWORDS = [
  'version',
  'primaryKey',
  'indexes',
  'encrypted',
  'keyCompression',
  'attachments',
  'final',
];

export interface ValidationIssue {
  path: string;
  message: string;
}

export type DocumentValidator = (doc: unknown) => ValidationIssue[];

/**
 * Compiles one validator per collection from the same JSON Schema RxDB uses, so kiosk and server agree
 * on what a valid document is. Replication metadata (`_deleted`, `_rev`, `_meta`, `_attachments`) is not
 * part of the document and must be stripped by the caller.
 */
export function createDocumentValidators(): Record<CollectionName, DocumentValidator> {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  for (const keyword of RXDB_KEYWORDS) ajv.addKeyword({ keyword });
  const out = {} as Record<CollectionName, DocumentValidator>;
  for (const [name, def] of Object.entries(collections) as [
    CollectionName,
    (typeof collections)[CollectionName],
  ][]) {
    const validate: ValidateFunction = ajv.compile(def.schema);
    out[name] = (doc) =>
      validate(doc)
        ? []
        : (validate.errors ?? []).map((e) => ({
            path: e.instancePath || '/',
            message: e.message ?? 'invalid',
          }));
  }
  return out;
}
