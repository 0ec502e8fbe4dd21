import { deviceRoutes, EnrolRequest, type EnrolResponse, type SigningKeyPair } from '@vigevano/protocol';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { currentUser, requireUser } from '../auth/guard';
import { ApiFailure } from '../http/api-failure';
import type { Store } from '../store/database';
import { authenticateDevice, createEnrolmentCode, enrolDevice, revokeDevice } from './enrolment';
import { deviceSnapshot } from './snapshot';

const idParams = (name: string) => ({
  type: 'object',
  properties: { [name]: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' } },
  required: [name],
});

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header);
  if (!match?.[1]) throw new ApiFailure('unauthorized', 'device bearer token required');
  return match[1];
}

/** Enrolment (coordinators create codes, kiosks spend them), revocation, and the kiosk's snapshot. */
export const devicesPlugin: FastifyPluginAsync<{
  store: Store;
  serverKey: SigningKeyPair;
  /** the city's release public key, pinned by each kiosk at enrolment (config.releasePublicKey) */
  releasePublicKey: string | undefined;
}> = async (app, { store, serverKey, releasePublicKey }) => {
  app.post<{ Params: { hubId: string } }>(
    deviceRoutes.createEnrolmentCode.path,
    { schema: { params: idParams('hubId') }, preHandler: requireUser(store, ['admin', 'coordinator']) },
    async (request) => createEnrolmentCode(store.db, request.params.hubId, currentUser(request).id),
  );

  app.post<{ Body: EnrolRequest }>(
    deviceRoutes.enrol.path,
    { schema: { body: EnrolRequest } },
    async (request): Promise<EnrolResponse> => {
      const identity = await enrolDevice(store.db, request.body, serverKey);
      request.log.info({ deviceId: identity.deviceId, hubId: identity.hubId }, 'device enrolled');
      return { ...identity, releasePublicKey: releasePublicKey ?? null };
    },
  );

  app.post<{ Params: { deviceId: string } }>(
    deviceRoutes.revoke.path,
    { schema: { params: idParams('deviceId') }, preHandler: requireUser(store, ['admin', 'coordinator']) },
    async (request) => {
      const device = await revokeDevice(store.db, request.params.deviceId);
      request.log.warn({ deviceId: device.id, by: currentUser(request).id }, 'device revoked');
      return { device };
    },
  );

  app.get(deviceRoutes.snapshot.path, async (request) => {
    const device = await authenticateDevice(store.db, bearerToken(request));
    return deviceSnapshot(store.db, device, serverKey);
  });
};
