import { type Content, type ContentInput, createDocumentValidators, type Hub } from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import { checkMediaRefs } from '../media/media-store';
import { getDocument, listDocuments, putDocuments } from '../store/documents';
import { project } from '../store/projections';
import type { Database } from '../store/schema';
import { checkTargets } from './targets';

const validate = createDocumentValidators().content;

/** Checks what a coordinator sent beyond its shape: dates in order, hubs, image and media that exist. */
async function checkInput(db: Kysely<Database>, input: ContentInput): Promise<void> {
  if (input.schedule.from >= input.schedule.to)
    throw fieldFailure(
      'validation_failed',
      '/schedule/to',
      'after_start',
      'la data di fine deve essere dopo la data di inizio',
    );
  if (input.schedule.hours && input.schedule.hours.from >= input.schedule.hours.to)
    throw fieldFailure(
      'validation_failed',
      '/schedule/hours/to',
      'after_start',
      "l'ora di fine deve essere dopo l'ora di inizio",
    );
  const hubs = new Set((await listDocuments<Hub>(db, 'hubs')).map((h) => h.id));
  const unknown = input.hubIds.filter((h) => !hubs.has(h));
  if (unknown.length > 0)
    throw fieldFailure(
      'validation_failed',
      '/hubIds',
      'unknown_hub',
      `hub sconosciuti: ${unknown.join(', ')}`,
    );
  await checkTargets(db, input);
  if (input.image) {
    const image = await db
      .selectFrom('content_images')
      .select(['sha256', 'media_type'])
      .where('id', '=', input.image.id)
      .executeTakeFirst();
    if (!image || image.sha256 !== input.image.sha256 || image.media_type !== input.image.mediaType)
      throw fieldFailure(
        'validation_failed',
        '/image',
        'not_found',
        "l'immagine indicata non esiste: caricala di nuovo",
      );
  }
  if (input.media) await checkMediaRefs(db, input.media);
}

function toDocument(input: ContentInput, id: string, published: boolean, updatedAt: number): Content {
  const { image, media, deviceIds, tags, ...rest } = input;
  const doc = {
    id,
    ...rest,
    hubIds: [...new Set(input.hubIds)].sort(),
    // absent rather than empty: a document that targets no kiosk or tag stays as version 0 wrote it
    ...(deviceIds?.length ? { deviceIds: [...new Set(deviceIds)].sort() } : {}),
    ...(tags?.length ? { tags: [...new Set(tags)].sort() } : {}),
    ...(image ? { image } : {}),
    ...(media ? { media } : {}),
    published,
    updatedAt,
  } as Content;
  const issues = validate(doc);
  if (issues.length > 0) throw new ApiFailure('validation_failed', 'contenuto non valido', issues);
  return doc;
}

async function save(db: Kysely<Database>, doc: Content): Promise<Content> {
  await putDocuments(db, [{ collection: 'content', hubId: null, at: doc.schedule.from, body: doc }]);
  return doc;
}

/** The stored item, or ApiFailure not_found. */
export async function existing(db: Kysely<Database>, id: string): Promise<Content> {
  const doc = await getDocument<Content>(db, 'content', id);
  if (!doc) throw new ApiFailure('not_found', `il contenuto ${id} non esiste`);
  return doc;
}

/** A later updatedAt than the stored one even if clocks stepped back: replication keeps the newer version. */
const nextUpdate = (previous: number, now: number) => Math.max(now, previous + 1);

export async function createContent(
  db: Kysely<Database>,
  input: ContentInput,
  now = Date.now(),
): Promise<Content> {
  await checkInput(db, input);
  return save(db, toDocument(input, ulid(now), false, now));
}

export async function updateContent(
  db: Kysely<Database>,
  id: string,
  input: ContentInput,
  now = Date.now(),
): Promise<Content> {
  const old = await existing(db, id);
  await checkInput(db, input);
  return save(db, toDocument(input, id, old.published, nextUpdate(old.updatedAt, now)));
}

/** Publishing is what kiosks see: they receive the item on their next sync and show it within its schedule. */
export async function publishContent(
  db: Kysely<Database>,
  id: string,
  published: boolean,
  now = Date.now(),
): Promise<Content> {
  const old = await existing(db, id);
  return save(db, { ...old, published, updatedAt: nextUpdate(old.updatedAt, now) });
}

/** Deletes an item: a tombstone that replication carries to kiosks, which then stop showing it. */
export async function deleteContent(db: Kysely<Database>, id: string, now = Date.now()): Promise<void> {
  const old = await existing(db, id);
  const body = { ...old, published: false, updatedAt: nextUpdate(old.updatedAt, now) };
  const work = async (tx: Transaction<Database>) => {
    await tx
      .updateTable('documents')
      .set({ deleted: 1, body: JSON.stringify(body), updated_at: body.updatedAt })
      .where('collection', '=', 'content')
      .where('id', '=', id)
      .execute();
    await project(tx, 'content', [{ id, hubId: null, body: body as Record<string, unknown>, deleted: true }]);
  };
  // In the caller's transaction when given one (the route records the deletion in the audit log with it).
  if (db.isTransaction) await work(db as Transaction<Database>);
  else await db.transaction().execute(work);
}

export async function listContent(db: Kysely<Database>): Promise<Content[]> {
  return (await listDocuments<Content>(db, 'content')).sort(
    (a, b) => b.priority - a.priority || b.updatedAt - a.updatedAt,
  );
}
