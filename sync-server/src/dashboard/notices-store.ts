import {
  createDocumentValidators,
  type Device,
  type Hub,
  NOTICE_MAX_DURATION_MS,
  type Notice,
  type NoticeInput,
  type NoticeList,
  noticeEnd,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import { getDocument, listDocuments, putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { checkTargets } from './targets';

const validate = createDocumentValidators().notices;
/** A start this far in the past is still "now" (the coordinator's clock and the server's differ a little). */
const PAST_START_TOLERANCE_MS = 5 * 60_000;

/**
 * Checks a notice against its rules and the stored hubs, kiosks and tags, and makes its document (not stored).
 * Throws ApiFailure validation_failed with the field's path and an Italian message: an end not after the start,
 * a notice longer than NOTICE_MAX_DURATION_MS, an end already past, an unknown hub, kiosk or tag.
 */
async function noticeFromInput(db: Kysely<Database>, input: NoticeInput, now: number): Promise<Notice> {
  const startsAt = input.startsAt ?? now;
  if (startsAt < now - PAST_START_TOLERANCE_MS)
    throw fieldFailure('validation_failed', '/startsAt', 'in_past', "l'inizio non può essere nel passato");
  if (input.endsAt <= startsAt)
    throw fieldFailure('validation_failed', '/endsAt', 'after_start', 'la fine deve essere dopo l’inizio');
  if (input.endsAt - startsAt > NOTICE_MAX_DURATION_MS)
    throw fieldFailure(
      'validation_failed',
      '/endsAt',
      'too_long',
      `un avviso urgente dura al massimo ${NOTICE_MAX_DURATION_MS / 86_400_000} giorni`,
    );
  const hubs = new Set((await listDocuments<Hub>(db, 'hubs')).filter((h) => !h.archived).map((h) => h.id));
  const unknownHubs = input.hubIds.filter((h) => !hubs.has(h));
  if (unknownHubs.length > 0)
    throw fieldFailure(
      'validation_failed',
      '/hubIds',
      'unknown_hub',
      `hub sconosciuti: ${unknownHubs.join(', ')}`,
    );
  await checkTargets(db, input);
  // Kiosks named alone: the notice goes to their hubs only (a kiosk pulls what lists its hub), not the whole city.
  let hubIds = [...new Set(input.hubIds)].sort();
  if (hubIds.length === 0 && input.deviceIds.length > 0 && input.tags.length === 0) {
    const devices = await listDocuments<Device>(db, 'devices');
    hubIds = [...new Set(devices.filter((d) => input.deviceIds.includes(d.id)).map((d) => d.hubId))].sort();
  }
  const doc: Notice = {
    id: ulid(now),
    hubIds,
    deviceIds: [...new Set(input.deviceIds)].sort(),
    tags: [...new Set(input.tags)].sort(),
    title: input.title as Notice['title'],
    text: input.text as Notice['text'],
    startsAt,
    endsAt: input.endsAt,
    updatedAt: now,
  };
  const issues = validate(doc);
  if (issues.length > 0) throw new ApiFailure('validation_failed', 'avviso non valido', issues);
  return doc;
}

/** Stores a new notice: the live streams tell the kiosks it aims at when the caller's transaction commits. */
export async function createNotice(
  db: Kysely<Database>,
  input: NoticeInput,
  now = Date.now(),
): Promise<Notice> {
  const doc = await noticeFromInput(db, input, now);
  await putDocuments(db, [{ collection: 'notices', hubId: null, at: doc.startsAt, body: doc }]);
  return doc;
}

/** The stored notice, or ApiFailure not_found. */
export async function existingNotice(db: Kysely<Database>, id: string): Promise<Notice> {
  const doc = await getDocument<Notice>(db, 'notices', id);
  if (!doc) throw new ApiFailure('not_found', `l'avviso ${id} non esiste`);
  return doc;
}

/**
 * Ends a notice now (`endedAt`): kiosks take it off screen when they hear of it. Throws ApiFailure not_found, or
 * conflict for a notice already over.
 */
export async function endNotice(db: Kysely<Database>, id: string, now = Date.now()): Promise<Notice> {
  const old = await existingNotice(db, id);
  if (noticeEnd(old) <= now) throw new ApiFailure('conflict', "l'avviso è già terminato");
  const doc: Notice = { ...old, endedAt: now, updatedAt: Math.max(now, old.updatedAt + 1) };
  await putDocuments(db, [{ collection: 'notices', hubId: null, at: doc.startsAt, body: doc }]);
  return doc;
}

/** Every notice, newest first, with the hubs, kiosks in service and tags a coordinator may aim one at. */
export async function noticeList(db: Kysely<Database>): Promise<NoticeList> {
  const [notices, hubs, devices] = await Promise.all([
    listDocuments<Notice>(db, 'notices'),
    listDocuments<Hub>(db, 'hubs'),
    listDocuments<Device>(db, 'devices'),
  ]);
  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  const kiosks = devices
    .filter((d) => !d.revoked)
    .map((d) => ({
      id: d.id,
      name: d.name,
      hubId: d.hubId,
      hubName: hubName.get(d.hubId) ?? d.hubId,
      tags: d.tags ?? [],
    }))
    .sort((a, b) => a.hubName.localeCompare(b.hubName, 'it') || a.name.localeCompare(b.name, 'it'));
  return {
    notices: notices.sort((a, b) => b.startsAt - a.startsAt || b.id.localeCompare(a.id)),
    hubs: hubs
      .filter((h) => !h.archived)
      .map((h) => ({ id: h.id, name: h.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it')),
    kiosks,
    tags: [...new Set(kiosks.flatMap((k) => k.tags))].sort(),
    maxDurationMs: NOTICE_MAX_DURATION_MS,
  };
}
