import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { deviceRoutes, keyIdOf } from '@vigevano/protocol';
import type { FastifyRequest } from 'fastify';
import { userActor } from '../audit/audit-log';
import { currentUser, requireUser } from '../auth/guard';
import { recordThrottledFailure, retryAfterMs } from '../auth/lockout';
import { ApiFailure } from '../http/api-failure';
import type { CardKeyProvider } from '../keys/card-key-provider';
import type { Store } from '../store/database';
import { createAuditedEnrolmentCode } from './device-admin';
import { authenticateDevice, enrolDevice, revokeDevice } from './enrolment';
import { deviceSnapshot } from './snapshot';

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header);
  if (!match?.[1]) throw new ApiFailure('unauthorized', 'device bearer token required');
  return match[1];
}

/**
 * Wrong enrolment codes one address may send before each further one earns a growing delay (auth/lockout.ts):
 * a code is 12 characters of Crockford base32, so guessing needs millions of tries, and this keeps it that way.
 * Successful enrolments are not limited: each needs a fresh code from a coordinator.
 */
export const ENROL_FREE_FAILURES = 5;

/** Enrolment (coordinators create codes, kiosks spend them), revocation, and the kiosk's snapshot. */
export const devicesPlugin: FastifyPluginAsyncTypebox<{
  store: Store;
  cardKeys: CardKeyProvider;
  /** the city's release public key, pinned by each kiosk at enrolment (config.releasePublicKey) */
  releasePublicKey: string | undefined;
}> = async (app, { store, cardKeys, releasePublicKey }) => {
  const serverKey = cardKeys.signingKey();
  app.post(
    deviceRoutes.createEnrolmentCode.path,
    {
      schema: deviceRoutes.createEnrolmentCode.schema,
      preHandler: requireUser(store),
    },
    async (request) =>
      createAuditedEnrolmentCode(store.db, { hubId: request.params.hubId }, userActor(currentUser(request))),
  );

  app.post(deviceRoutes.enrol.path, { schema: deviceRoutes.enrol.schema }, async (request, reply) => {
    const throttle = `enrol:${request.ip}`;
    const waitMs = await retryAfterMs(store.db, [throttle]);
    if (waitMs !== null) {
      const seconds = Math.ceil(waitMs / 1000);
      reply.header('retry-after', String(seconds));
      throw new ApiFailure('rate_limited', `troppi codici errati: riprova tra ${seconds} secondi`, {
        retryAfterSeconds: seconds,
      });
    }
    // A retired server key is public (snapshots publish it) and still valid: no device may take it either.
    const keyId = keyIdOf(request.body.publicKey);
    if (cardKeys.publishedKeys().some((k) => k.keyId === keyId))
      throw new ApiFailure(
        'conflict',
        'questa chiave pubblica è una chiave del server: il chiosco deve generarne una nuova',
        {
          keyId,
        },
      );
    const identity = await enrolDevice(store.db, request.body, serverKey).catch(async (error: unknown) => {
      if (error instanceof ApiFailure && error.code === 'enrolment_code_invalid')
        await recordThrottledFailure(store.db, throttle, ENROL_FREE_FAILURES);
      throw error;
    });
    request.log.info({ deviceId: identity.deviceId, hubId: identity.hubId }, 'device enrolled');
    return { ...identity, releasePublicKey: releasePublicKey ?? null };
  });

  app.post(
    deviceRoutes.revoke.path,
    { schema: deviceRoutes.revoke.schema, preHandler: requireUser(store) },
    async (request) => {
      const device = await revokeDevice(store.db, request.params.deviceId, userActor(currentUser(request)));
      request.log.warn({ deviceId: device.id, by: currentUser(request).id }, 'device revoked');
      return { device };
    },
  );

  app.get(deviceRoutes.snapshot.path, { schema: deviceRoutes.snapshot.schema }, async (request) => {
    const device = await authenticateDevice(store.db, bearerToken(request));
    return deviceSnapshot(store.db, device, cardKeys.publishedKeys());
  });
};
