import { type DeviceStorageState, SYNC_HEADERS, SYNC_LIMITS } from '@vigevano/protocol';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type AuthenticatedDevice, authenticateDevice } from '../devices/enrolment';
import { ApiFailure } from '../http/api-failure';
import { type AuthenticationHook, authenticationHook } from '../http/auth-first';
import type { Database } from '../store/schema';

declare module 'fastify' {
  interface FastifyRequest {
    /** the kiosk behind the bearer token, set by requireDevice before the body is read */
    device?: AuthenticatedDevice;
  }
}

/**
 * The onRequest hook of the sync routes: the device is known (or the request refused with 401/403) before a byte
 * of the body is read, so a stranger cannot make the server read a push body.
 */
export function requireDevice(db: Kysely<Database>): AuthenticationHook {
  return authenticationHook(async (request) => {
    request.device = await syncDevice(db, request);
  });
}

/** The device behind a sync request's bearer token; a revoked or unknown one is refused before anything else. */
export async function syncDevice(
  db: Kysely<Database>,
  request: FastifyRequest,
): Promise<AuthenticatedDevice> {
  if (request.device) return request.device;
  return authenticateDevice(db, bearerToken(request));
}

/** The bearer token of a sync request, checked for shape only; throws `unauthorized` without one. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header);
  if (!match?.[1]) throw new ApiFailure('unauthorized', 'device bearer token required');
  return match[1];
}

/** What a kiosk says of itself in its sync headers; anything malformed is ignored rather than refused. */
export interface DeviceReport {
  appVersion: string | null;
  deviceTime: number | null;
  pending: number | null;
  /** its disk: 'ok' or 'full' */
  storage: DeviceStorageState | null;
  /** documents it cannot push because one alone exceeds the body limit, and the first few of them */
  tooLarge: { count: number; ids: string[] } | null;
  /** its data disk, whole MiB: free and size; null when not said or not believable (free above size) */
  disk: { freeMiB: number; totalMiB: number } | null;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `collection/id`: a collection name and a document id, as the kiosk names a document it cannot push. */
const DOCUMENT_REF = /^[a-z][a-z0-9_-]{0,39}\/[A-Za-z0-9_-]{1,64}$/;

function tooLargeReport(request: FastifyRequest): DeviceReport['tooLarge'] {
  const count = Number(header(request, SYNC_HEADERS.tooLarge));
  if (!Number.isSafeInteger(count) || count < 0) return null;
  const ids = (header(request, SYNC_HEADERS.tooLargeIds) ?? '').split(',').filter((id) => id !== '');
  if (
    ids.length > Math.min(count, SYNC_LIMITS.maxReportedTooLarge) ||
    !ids.every((id) => DOCUMENT_REF.test(id))
  )
    return { count: Math.min(count, 2 ** 31 - 1), ids: [] };
  return { count: Math.min(count, 2 ** 31 - 1), ids };
}

/** The disk headers: whole MiB, at most 2^31 − 1 (2 PiB), free never above the size. */
function diskReport(request: FastifyRequest): DeviceReport['disk'] {
  const read = (name: string) => {
    const text = header(request, name);
    return text !== undefined && /^[0-9]{1,10}$/.test(text) ? Number(text) : null;
  };
  const freeMiB = read(SYNC_HEADERS.diskFreeMiB);
  const totalMiB = read(SYNC_HEADERS.diskTotalMiB);
  if (freeMiB === null || totalMiB === null || totalMiB > 2 ** 31 - 1 || freeMiB > totalMiB) return null;
  return { freeMiB, totalMiB };
}

export function deviceReport(request: FastifyRequest): DeviceReport {
  const version = header(request, SYNC_HEADERS.appVersion);
  const time = Number(header(request, SYNC_HEADERS.deviceTime));
  const pending = Number(header(request, SYNC_HEADERS.pending));
  const storage = header(request, SYNC_HEADERS.storage);
  return {
    appVersion: version && /^[\w.+-]{1,40}$/.test(version) ? version : null,
    deviceTime: Number.isSafeInteger(time) && time > 0 ? time : null,
    pending: Number.isSafeInteger(pending) && pending >= 0 ? Math.min(pending, 2 ** 31 - 1) : null,
    storage: storage === 'ok' || storage === 'full' ? storage : null,
    tooLarge: tooLargeReport(request),
    disk: diskReport(request),
  };
}

/**
 * Refuses a body nested deeper than the protocol allows, before anything walks it recursively. Iterative, so a
 * hostile body cannot blow the stack of the check itself.
 */
export function assertShallow(body: unknown, maxDepth = SYNC_LIMITS.maxDepth): void {
  const stack: Array<[unknown, number]> = [[body, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth)
      throw new ApiFailure('bad_request', `body nested deeper than ${maxDepth} levels`, { maxDepth });
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
}
