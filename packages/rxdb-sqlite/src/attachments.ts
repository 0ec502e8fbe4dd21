import type { BulkWriteRow, CategorizeBulkWriteRowsOutput, RxAttachmentWriteData } from 'rxdb';
import { type Connection, statement } from './connection.ts';
import { RxStorageSqliteError } from './errors.ts';
import { quoteIdent } from './table-layout.ts';

/** Attachment bytes of a write, read before the (synchronous) transaction starts. */
export type AttachmentBytes = Map<Blob, Buffer>;

/** RxDB hands attachment data over as Blobs, which only give their bytes asynchronously. */
export async function readAttachmentBytes(rows: readonly BulkWriteRow<unknown>[]): Promise<AttachmentBytes> {
  const bytes: AttachmentBytes = new Map();
  const pending: Promise<void>[] = [];
  for (const row of rows) {
    const attachments = row.document._attachments ?? {};
    for (const attachment of Object.values(attachments)) {
      const data = (attachment as Partial<RxAttachmentWriteData>).data;
      if (data instanceof Blob && !bytes.has(data)) {
        bytes.set(data, Buffer.alloc(0));
        pending.push(
          data.arrayBuffer().then((buffer) => {
            bytes.set(data, Buffer.from(buffer));
          }),
        );
      }
    }
  }
  await Promise.all(pending);
  return bytes;
}

/** Runs inside the write transaction. */
export function writeAttachments(
  connection: Connection,
  attachmentsTable: string,
  categorized: CategorizeBulkWriteRowsOutput<unknown>,
  bytes: AttachmentBytes,
): void {
  const t = quoteIdent(attachmentsTable);
  const upsert = statement(
    connection,
    `INSERT OR REPLACE INTO ${t} (doc_id, att_id, digest, type, data) VALUES (?, ?, ?, ?, ?)`,
  );
  const remove = statement(connection, `DELETE FROM ${t} WHERE doc_id = ? AND att_id = ?`);
  for (const added of [...categorized.attachmentsAdd, ...categorized.attachmentsUpdate]) {
    const data = bytes.get(added.attachmentData.data);
    if (!data) {
      throw new Error(
        `attachment ${added.documentId}/${added.attachmentId}: data was not read before the write`,
      );
    }
    upsert.run(added.documentId, added.attachmentId, added.digest, added.attachmentData.type, data);
  }
  for (const removed of categorized.attachmentsRemove) {
    remove.run(removed.documentId, removed.attachmentId);
  }
}

export function readAttachment(
  connection: Connection,
  attachmentsTable: string,
  documentId: string,
  attachmentId: string,
  digest: string,
  collection: string,
): Blob {
  const row = statement(
    connection,
    `SELECT digest, type, data FROM ${quoteIdent(attachmentsTable)} WHERE doc_id = ? AND att_id = ?`,
  ).get(documentId, attachmentId) as { digest: string; type: string; data: Buffer } | undefined;
  if (!row || !digest || row.digest !== digest) {
    throw new RxStorageSqliteError('RXS8', {
      path: connection.path,
      collection,
      operation: 'getAttachmentData',
      documentId,
      attachmentId,
      digest,
    });
  }
  return new Blob([row.data], { type: row.type });
}

/** Attachments of documents that cleanup() purged (RxDB removes them on delete; this is belt and braces). */
export function removeAttachmentsOf(
  connection: Connection,
  attachmentsTable: string,
  ids: readonly string[],
): void {
  const remove = statement(
    connection,
    `DELETE FROM ${quoteIdent(attachmentsTable)} WHERE doc_id IN (SELECT value FROM json_each(?))`,
  );
  remove.run(JSON.stringify(ids));
}
