import type { FastifyInstance } from 'fastify';
import { ApiFailure } from './api-failure';

/** Where the first text holding U+0000 is in a parsed request part (body, query, params), as a JSON path. */
function firstNulPath(value: unknown, root: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
      continue;
    }
    // bytes (an uploaded file) are not text
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) continue;
    for (const [key, child] of Object.entries(v)) {
      if (key.includes('\u0000')) return path;
      stack.push([child, `${path}/${key}`]);
    }
  }
  return undefined;
}

/**
 * Refuses text with the NUL character (U+0000) anywhere in a request, before any route sees it. PostgreSQL cannot
 * store it in text (it fails the whole statement: a 500 where SQLite would have stored it), no field of ours has a
 * use for it, and refusing it at the door keeps both stores alike and a half-done write impossible.
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const path =
      firstNulPath(request.body, 'body') ??
      firstNulPath(request.query, 'query') ??
      firstNulPath(request.params, 'params');
    if (path !== undefined)
      throw new ApiFailure(
        'bad_request',
        `il testo contiene il carattere nullo (U+0000), che nessun campo può contenere (${path})`,
        { path },
      );
  });
}
