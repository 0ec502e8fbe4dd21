import { API_TOKEN_PREFIX } from '@vigevano/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateDevice } from '../devices/enrolment';
import type { Store } from '../store/database';
import { requireUser } from './guard';

/**
 * A guard for files both people and kiosks read (content images, media): a kiosk's device bearer token, or what
 * requireUser accepts (the session cookie, or a read-only API token, which also comes as a bearer but with its own
 * prefix). Throws the refusal of whichever it tried.
 */
export function requireUserOrDevice(store: Store) {
  const userGuard = requireUser(store);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const bearer = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer && !bearer.startsWith(API_TOKEN_PREFIX)) await authenticateDevice(store.db, bearer);
    else await userGuard(request, reply);
  };
}
