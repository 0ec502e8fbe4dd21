import {
  type ApiErrorBody,
  type ApiRoute,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
  routeUrl,
  type ValidationIssue,
} from '@vigevano/protocol';
import { issuesOfDetails } from './lib/field-errors';

/**
 * A refusal from the server, with its code, its message for people (in Italian) and, when it is about fields of
 * the request, one issue per field (`issues`: path into the body, code, bound; lib/field-errors.ts words them).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
    /**
     * the server's raw `details` for refusals that carry more than field issues (an archive refused with the
     * hub's kiosks, ApiFailure conflict in sync-server/src/hubs/hub-store.ts)
     */
    readonly details?: unknown,
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

/** A slot of a request: required with the route's type when the route declares it, absent otherwise. */
type Slot<K extends string, T> = [T] extends [undefined] ? { [P in K]?: undefined } : { [P in K]: T };

/**
 * What a call of `route` carries, typed from its schemas in the route table (packages/protocol, API_ROUTE_TABLE):
 * `params` for the path's `:name` parts, `query`, and the JSON `body`.
 */
export type ApiRequest<R extends ApiRoute> = Slot<'params', RouteParams<R>> &
  Slot<'query', RouteQuery<R>> &
  Slot<'body', RouteBody<R>>;

/** The request may be left out when the route needs nothing. */
type RequestArgs<R extends ApiRoute> =
  object extends ApiRequest<R> ? [request?: ApiRequest<R>] : [request: ApiRequest<R>];

/** The URL of a call of `route` (for links: a download, an image). */
export function apiUrl<R extends ApiRoute>(route: R, ...[request]: RequestArgs<R>): string {
  return routeUrl(
    route,
    request?.params as Record<string, string> | undefined,
    request?.query as Record<string, string | undefined> | undefined,
  );
}

/**
 * Calls a route of the server with the session cookie and answers its 200 body, typed from the route table;
 * requests that change something carry the CSRF token. Any non-2xx becomes an ApiError carrying the server's
 * message.
 */
export async function api<R extends ApiRoute>(route: R, ...args: RequestArgs<R>): Promise<RouteResponse<R>> {
  return send(route.method, apiUrl(route, ...args), args[0]?.body) as Promise<RouteResponse<R>>;
}

/**
 * Uploads a file as the raw body of `route` (a route declaring `consumes`, e.g. the media upload): the file's own
 * type, or application/octet-stream; the server reads the real type from the bytes.
 */
export async function apiUpload<R extends ApiRoute>(route: R, file: Blob): Promise<RouteResponse<R>> {
  return send(route.method, routeUrl(route), file) as Promise<RouteResponse<R>>;
}

/** JSON (or a file, as it is) over fetch with the session cookie (the CSRF token on anything but GET). */
export async function send(method: string, url: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = {};
  const raw = body instanceof Blob;
  if (body !== undefined)
    headers['content-type'] = raw ? body.type || 'application/octet-stream' : 'application/json';
  const token = csrfToken();
  if (method !== 'GET' && token) headers[CSRF_HEADER] = token;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'Il server non risponde: controlla la connessione e riprova.');
  }
  if (res.ok) return await res.json();
  const error = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
  throw new ApiError(
    res.status,
    error?.error.code ?? 'internal',
    error?.error.message ?? `Errore ${res.status}`,
    issuesOfDetails(error?.error.details),
    error?.error.details,
  );
}
