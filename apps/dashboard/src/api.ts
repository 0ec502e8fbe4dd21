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

/** JSON over fetch with the session cookie; any non-2xx becomes an ApiError carrying the server's message. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
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
