import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { updateRoutes } from '@vigevano/protocol';
import { requireUser } from '../auth/guard';
import { ApiFailure } from '../http/api-failure';
import type { Store } from '../store/database';
import { ReleaseError, ReleaseTooLarge, setRollout, storeReleaseStream } from './release-files';

/**
 * Kiosk updates without the internet: an admin uploads electron-builder's release files for a channel, kiosks
 * (electron-updater, generic provider) download them from /updates/<channel>/, and the admin widens the staged
 * rollout step by step. Installable files come with the release manager's signature (X-Release-Signature),
 * stored beside them as `<file>.sig` for kiosks to check.
 *
 * The upload is authenticated in `onRequest`, before a byte of the body is read, and then streamed to disk under
 * a cap: an anonymous client cannot make the server buffer hundreds of megabytes to learn it is not signed in.
 */
export const updatesPlugin: FastifyPluginAsyncTypebox<{
  store: Store;
  dataDir: string;
  /** the largest release file accepted, in bytes (config.maxReleaseBytes) */
  maxReleaseBytes: number;
  /** the city's release public key (config.releasePublicKey): uploads of installable files must match it */
  releasePublicKey: string | undefined;
}> = async (app, { store, dataDir, maxReleaseBytes, releasePublicKey }) => {
  const updatesDir = join(dataDir, 'updates');
  // @fastify/static warns at every start when its root is missing, as it is until the first release is uploaded.
  await mkdir(updatesDir, { recursive: true });
  await app.register(fastifyStatic, {
    root: updatesDir,
    prefix: '/updates/',
    decorateReply: false,
    dotfiles: 'deny',
  });

  // The body is left unread here and streamed to disk by the route from request.raw; it is not handed over as
  // request.body, where hooks that walk the parsed body (nul-guard.ts) would walk the socket's object graph.
  // Scoped to this plugin by encapsulation.
  app.addContentTypeParser('application/octet-stream', (_request, _payload, done) => done(null));
  const asFailure = (error: unknown): never => {
    if (error instanceof ReleaseTooLarge) throw new ApiFailure('payload_too_large', error.message);
    if (error instanceof ReleaseError) throw new ApiFailure('bad_request', error.message);
    throw error;
  };

  app.put(
    updateRoutes.upload.path,
    {
      schema: updateRoutes.upload.schema,
      onRequest: requireUser(store),
      bodyLimit: maxReleaseBytes,
    },
    async (request, reply) => {
      if (!request.headers['content-type']?.startsWith('application/octet-stream'))
        throw new ApiFailure('bad_request', 'invia il file come application/octet-stream');
      const declared = request.headers['content-length'];
      const signature = request.headers['x-release-signature'];
      try {
        const stored = await storeReleaseStream({
          updatesDir,
          channel: request.params.channel,
          name: request.params.file,
          body: request.raw,
          maxBytes: maxReleaseBytes,
          declaredBytes: declared === undefined ? undefined : Number(declared),
          signature: typeof signature === 'string' ? signature : undefined,
          releasePublicKey,
        });
        request.log.info(
          { channel: request.params.channel, file: request.params.file, bytes: stored.bytes },
          'release file uploaded',
        );
        return { ok: true as const, bytes: stored.bytes, sha512: stored.sha512 };
      } catch (error) {
        // The rest of a refused body is not worth reading: close the connection once the answer is sent.
        if (!request.raw.readableEnded) reply.header('connection', 'close');
        return asFailure(error);
      }
    },
  );

  app.post(
    updateRoutes.rollout.path,
    { preHandler: requireUser(store), schema: updateRoutes.rollout.schema },
    async (request) => {
      try {
        return setRollout(updatesDir, request.params.channel, request.body.percentage);
      } catch (error) {
        return asFailure(error);
      }
    },
  );
};
