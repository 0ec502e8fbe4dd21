import type { ApiErrorBody } from '@vigevano/protocol';

/** A refusal from the server, with its code and its message for people (in Italian). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CSRF_COOKIE = 'vg_csrf';
const CSRF_HEADER = 'x-csrf-token';

/** The session's CSRF token, from the cookie the server sets at sign-in (readable by this page only). */
function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${CSRF_COOKIE}=`))
    ?.slice(CSRF_COOKIE.length + 1);
}

/**
 * JSON over fetch with the session cookie; requests that change something carry the CSRF token. Any non-2xx
 * becomes an ApiError carrying the server's message.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const token = csrfToken();
  if (method !== 'GET' && token) headers[CSRF_HEADER] = token;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'Il server non risponde: controlla la connessione e riprova.');
  }
  if (res.ok) return (await res.json()) as T;
  const body = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
  throw new ApiError(
    res.status,
    body?.error.code ?? 'internal',
    body?.error.message ?? `Errore ${res.status}`,
  );
}

/** A path with its query string, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}
