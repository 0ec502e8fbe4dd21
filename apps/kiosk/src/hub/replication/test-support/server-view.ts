import { type PullResponse, syncPath } from '@vigevano/protocol';

/**
 * What the server holds of a collection as a device of a hub sees it, read over the sync API itself (kiosk-side
 * tests do not import the server's code). Every document once, in change order.
 */
export async function serverDocuments(
  serverUrl: string,
  token: string,
  collection: string,
): Promise<Array<Record<string, unknown>>> {
  const docs: Array<Record<string, unknown>> = [];
  let order = 0;
  for (;;) {
    const res = await fetch(`${serverUrl}${syncPath(collection, 'pull')}?order=${order}&limit=2000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`pull ${collection}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as PullResponse;
    if (body.documents.length === 0) return docs;
    docs.push(...body.documents);
    order = body.checkpoint?.order ?? order;
  }
}
