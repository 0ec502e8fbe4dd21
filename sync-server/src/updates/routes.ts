import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { requireUser } from '../auth/guard';
import { ApiFailure } from '../http/api-failure';
import type { Store } from '../store/database';
import { ReleaseError, setRollout, storeReleaseFile } from './release-files';

const MAX_RELEASE_BYTES = 400 * 1024 * 1024;

/**
 * Kiosk updates without the internet: an admin uploads electron-builder's release files for a channel, kiosks
 * (electron-updater, generic provider) download them from /updates/<channel>/, and the admin widens the staged
 * rollout step by step.
 */
export const updatesPlugin: FastifyPluginAsync<{ store: Store; dataDir: string }> = async (
  app,
  { store, dataDir },
) => {
  const updatesDir = join(dataDir, 'updates');
  await app.register(fastifyStatic, {
    root: updatesDir,
    prefix: '/updates/',
    decorateReply: false,
    dotfiles: 'deny',
  });

  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: MAX_RELEASE_BYTES },
    (_request, body, done) => done(null, body),
  );
  const asFailure = (error: unknown): never => {
    if (error instanceof ReleaseError) throw new ApiFailure('bad_request', error.message);
    throw error;
  };

  app.put<{ Params: { channel: string; file: string }; Body: Buffer }>(
    '/api/updates/:channel/:file',
    { preHandler: requireUser(store, ['admin']), bodyLimit: MAX_RELEASE_BYTES },
    async (request) => {
      if (!Buffer.isBuffer(request.body))
        throw new ApiFailure('bad_request', 'invia il file come application/octet-stream');
      try {
        storeReleaseFile(updatesDir, request.params.channel, request.params.file, request.body);
      } catch (error) {
        asFailure(error);
      }
      request.log.info(
        { channel: request.params.channel, file: request.params.file, bytes: request.body.length },
        'release file uploaded',
      );
      return { ok: true };
    },
  );

  app.post<{ Params: { channel: string }; Body: { percentage: number } }>(
    '/api/updates/:channel/rollout',
    {
      preHandler: requireUser(store, ['admin']),
      schema: {
        body: {
          type: 'object',
          properties: { percentage: { type: 'integer', minimum: 1, maximum: 100 } },
          required: ['percentage'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      try {
        return setRollout(updatesDir, request.params.channel, request.body.percentage);
      } catch (error) {
        return asFailure(error);
      }
    },
  );
};
