import { createHash } from 'node:crypto';
import type { ContentMedia } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import type { Database } from '../store/schema';
import type { PreparedFile, PreparedMedia } from './media-check';

type MediaFile = ContentMedia['original'];

/**
 * Stores checked media (media-check.ts) in media_files and answers the `media` field a content item carries.
 * Each file gets a new id: rows are never updated, so an id names the same bytes for ever.
 */
export async function storeMedia(
  db: Kysely<Database>,
  prepared: PreparedMedia,
  userId: string,
  now = Date.now(),
): Promise<ContentMedia> {
  const stored = new Map<PreparedFile['role'], MediaFile>();
  for (const file of prepared.files) {
    const ref: MediaFile = {
      id: ulid(now),
      mediaType: file.mediaType,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      bytes: file.bytes.length,
      width: file.width,
      height: file.height,
    };
    await db
      .insertInto('media_files')
      .values({
        id: ref.id,
        media_type: ref.mediaType,
        bytes: ref.bytes,
        sha256: ref.sha256,
        width: ref.width,
        height: ref.height,
        data: file.bytes,
        created_at: now,
        created_by: userId,
      })
      .execute();
    stored.set(file.role, ref);
  }
  const original = stored.get('original');
  if (!original) throw new Error('prepared media without an original');
  return {
    kind: prepared.kind,
    original,
    renditions: (['portrait', 'landscape'] as const).flatMap((shape) => {
      const file = stored.get(shape);
      return file ? [{ shape, file }] : [];
    }),
    ...(prepared.durationMs === undefined ? {} : { durationMs: prepared.durationMs }),
  };
}

/** A stored file's bytes, type and hash. @throws ApiFailure not_found */
export async function readMediaFile(
  db: Kysely<Database>,
  id: string,
): Promise<{ mediaType: string; bytes: Buffer; sha256: string }> {
  const row = await db
    .selectFrom('media_files')
    .select(['media_type', 'data', 'sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new ApiFailure('not_found', `file ${id} non trovato`);
  return { mediaType: row.media_type, bytes: Buffer.from(row.data), sha256: row.sha256 };
}

/**
 * Checks that every file a content item's `media` names was stored by the upload route as described (same type,
 * hash and size), so a kiosk never looks for a file the server does not have.
 * @throws ApiFailure validation_failed at /media
 */
export async function checkMediaRefs(db: Kysely<Database>, media: ContentMedia): Promise<void> {
  const files = [media.original, ...media.renditions.map((r) => r.file)];
  const rows = await db
    .selectFrom('media_files')
    .select(['id', 'media_type', 'sha256', 'bytes', 'width', 'height'])
    .where(
      'id',
      'in',
      files.map((f) => f.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const matches = files.every((f) => {
    const row = byId.get(f.id);
    return (
      row &&
      row.media_type === f.mediaType &&
      row.sha256 === f.sha256 &&
      Number(row.bytes) === f.bytes &&
      Number(row.width) === f.width &&
      Number(row.height) === f.height
    );
  });
  const kindOk = media.kind === (media.original.mediaType.startsWith('video/') ? 'video' : 'image');
  if (!matches || !kindOk)
    throw fieldFailure(
      'validation_failed',
      '/media',
      'not_found',
      'il file indicato non esiste: caricalo di nuovo',
    );
}
