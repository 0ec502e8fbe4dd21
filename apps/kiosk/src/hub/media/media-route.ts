import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { apiError } from '@vigevano/protocol';
import type { FastifyInstance } from 'fastify';

/** A held media file, as MediaStore.file answers it. */
export type MediaFileLookup = (id: string) => { path: string; mediaType: string; sha256: string } | undefined;

/**
 * `GET /media/:fileId` on the hub service: the media files the kiosk holds, for its UI's <img> and <video>. The id
 * always names the same bytes (the server never reuses one), so the answer is cached for good. A single byte range
 * is honoured (RFC 9110 §14): Chromium asks for ranges to loop and seek a video.
 */
export function registerMediaRoute(app: FastifyInstance, lookup: MediaFileLookup): void {
  app.get<{ Params: { fileId: string } }>('/media/:fileId', async (request, reply) => {
    const file = lookup(request.params.fileId);
    if (!file) return reply.status(404).send(apiError('not_found', 'file non presente su questo totem'));
    const { size } = await stat(file.path);
    reply
      .type(file.mediaType)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('etag', `"${file.sha256}"`)
      .header('accept-ranges', 'bytes');
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
    if (!range || (range[1] === '' && range[2] === ''))
      return reply.header('content-length', size).send(createReadStream(file.path));
    // `bytes=a-b`, `bytes=a-` or the last n bytes `bytes=-n`
    const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
    const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
    if (start > end || start >= size)
      return reply.status(416).header('content-range', `bytes */${size}`).send();
    return reply
      .status(206)
      .header('content-range', `bytes ${start}-${end}/${size}`)
      .header('content-length', end - start + 1)
      .send(createReadStream(file.path, { start, end }));
  });
}
