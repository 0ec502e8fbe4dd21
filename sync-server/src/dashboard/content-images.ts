import { createHash } from 'node:crypto';
import { CONTENT_IMAGE_MAX_BYTES, type ContentImageType, type ImageUploadResponse } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { ApiFailure } from '../http/api-failure';
import type { Database } from '../store/schema';

/** What a file really is, from its first bytes (PNG, JPEG, WebP), whatever its name or declared type says. */
function sniffImageType(bytes: Buffer): ContentImageType | undefined {
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'image/webp';
  return undefined;
}

/** Stores an info-screen image after checking its size and that its bytes are the image type it claims. */
export async function storeImage(
  db: Kysely<Database>,
  mediaType: ContentImageType,
  dataBase64: string,
  userId: string,
  now = Date.now(),
): Promise<ImageUploadResponse> {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(dataBase64))
    throw new ApiFailure('validation_failed', "l'immagine non è codificata correttamente (base64)");
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > CONTENT_IMAGE_MAX_BYTES)
    throw new ApiFailure(
      'payload_too_large',
      `immagine troppo grande: al massimo ${CONTENT_IMAGE_MAX_BYTES / 1024} KB`,
    );
  const actual = sniffImageType(bytes);
  if (!actual) throw new ApiFailure('validation_failed', 'il file non è un’immagine PNG, JPEG o WebP');
  if (actual !== mediaType)
    throw new ApiFailure('validation_failed', `il file è ${actual}, non ${mediaType}: scegli il tipo giusto`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = ulid(now);
  await db
    .insertInto('content_images')
    .values({
      id,
      media_type: actual,
      size: bytes.length,
      sha256,
      data: bytes.toString('base64'),
      created_at: now,
      created_by: userId,
    })
    .execute();
  return { image: { id, mediaType: actual, sha256 }, size: bytes.length };
}

export async function readImage(
  db: Kysely<Database>,
  id: string,
): Promise<{ mediaType: string; bytes: Buffer; sha256: string }> {
  const row = await db
    .selectFrom('content_images')
    .select(['media_type', 'data', 'sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new ApiFailure('not_found', `immagine ${id} non trovata`);
  return { mediaType: row.media_type, bytes: Buffer.from(row.data, 'base64'), sha256: row.sha256 };
}
