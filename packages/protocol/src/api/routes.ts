import type { Static, TSchema } from 'typebox';
import { syncRoutes } from '../sync/wire';
import { securitySettingsRoutes, totpRoutes } from './account-security';
import { alertRoutes } from './alerts';
import { apiTokenRoutes } from './api-tokens';
import { attendanceRoutes } from './attendance';
import { auditRoutes } from './audit';
import { authRoutes } from './auth';
import { cityRoutes } from './city';
import { cityNowRoutes } from './city-now';
import { connectionsRoutes } from './connections';
import { contentAdminRoutes } from './content-admin';
import { correctionRoutes } from './corrections';
import { deviceAdminRoutes } from './device-admin';
import { deviceRoutes } from './devices';
import { docsRoutes } from './docs';
import { esfRoutes } from './esf';
import { esfOperationRoutes, registerRoutes } from './esf-operations';
import { facilitatorRoutes } from './facilitators';
import { healthRoutes } from './health';
import { hubAdminRoutes } from './hubs-admin';
import { mediaRoutes } from './media';
import { noticeRoutes } from './notices';
import { operationAdminRoutes, operationReadRoutes } from './operations';
import { participantRoutes } from './participants';
import { peopleRoutes } from './people';
import { peopleImportRoutes } from './people-import';
import { planningRoutes } from './planning';
import { playsReportRoutes } from './plays-report';
import { sessionsReportRoutes } from './sessions-report';
import { accountLinkRoutes, staffRoutes } from './staff';
import { updateRoutes } from './updates';

/**
 * What a route declares, once: Fastify validates the request and serializes the answer with these schemas, the
 * type provider types the handler from them, @fastify/swagger describes them (OpenAPI), and the dashboard's
 * client is typed from them. `response` names every status the route answers with ('4xx'/'5xx': ApiErrorSchema).
 */
export interface RouteSchema {
  summary?: string;
  tags?: readonly string[];
  /** media types of a 200 that is not JSON (OpenAPI) */
  produces?: readonly string[];
  /** media types of a body that is not JSON (a raw file upload; OpenAPI) */
  consumes?: readonly string[];
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  response: Readonly<Record<string | number, TSchema>>;
}

/** One route of the table: method, Fastify path (`:name` parameters) and its schemas. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  schema: RouteSchema;
}

/**
 * Every HTTP route of the sync server, by area (the `…Routes` tables each area file defines). The server registers
 * each route with its entry's schema; the dashboard calls routes through entries, so a wrong path or body is a
 * type error. Not included: static files (the dashboard, /updates/ downloads) and the demo city's card sheet.
 */
export const API_ROUTE_TABLE = {
  auth: authRoutes,
  accountLinks: accountLinkRoutes,
  staff: staffRoutes,
  totp: totpRoutes,
  securitySettings: securitySettingsRoutes,
  city: cityRoutes,
  cityNow: cityNowRoutes,
  attendance: attendanceRoutes,
  connections: connectionsRoutes,
  sessionsReport: sessionsReportRoutes,
  corrections: correctionRoutes,
  esf: esfRoutes,
  esfOperations: esfOperationRoutes,
  registers: registerRoutes,
  people: peopleRoutes,
  peopleImport: peopleImportRoutes,
  contentAdmin: contentAdminRoutes,
  playsReport: playsReportRoutes,
  media: mediaRoutes,
  deviceAdmin: deviceAdminRoutes,
  notices: noticeRoutes,
  hubAdmin: hubAdminRoutes,
  facilitators: facilitatorRoutes,
  operations: operationReadRoutes,
  operationAdmin: operationAdminRoutes,
  planning: planningRoutes,
  participants: participantRoutes,
  device: deviceRoutes,
  alerts: alertRoutes,
  apiTokens: apiTokenRoutes,
  audit: auditRoutes,
  updates: updateRoutes,
  docs: docsRoutes,
  health: healthRoutes,
  sync: syncRoutes,
} as const satisfies Record<string, Record<string, ApiRoute>>;

type StaticOf<S, K extends string> = S extends { [P in K]: infer T extends TSchema } ? Static<T> : undefined;

/** A route's path parameters (`undefined` when it has none). */
export type RouteParams<R extends ApiRoute> = StaticOf<R['schema'], 'params'>;
/** A route's query string (`undefined` when it takes none). */
export type RouteQuery<R extends ApiRoute> = StaticOf<R['schema'], 'querystring'>;
/** A route's JSON body (`undefined` when it takes none). */
export type RouteBody<R extends ApiRoute> = StaticOf<R['schema'], 'body'>;
/** What a route answers with 200 (`unknown` for streams and files, which have no JSON answer). */
export type RouteResponse<R extends ApiRoute> = R['schema']['response'] extends {
  200: infer T extends TSchema;
}
  ? Static<T>
  : unknown;

/**
 * The URL of a route: `:name` parameters filled in (URL-encoded), then the query string. An empty optional value
 * is left out (an unset filter is not sent as `name=`); a required one is always sent, empty or not. Throws when a
 * parameter the path names is missing.
 */
export function routeUrl(
  route: ApiRoute,
  params?: Readonly<Record<string, string>>,
  query?: Readonly<Record<string, string | number | null | undefined>>,
): string {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${route.method} ${route.path}: parameter ${name} missing`);
    return encodeURIComponent(value);
  });
  const required = new Set((route.schema.querystring as { required?: string[] } | undefined)?.required);
  const pairs = Object.entries(query ?? {})
    .filter(([key, value]) => (value !== undefined && value !== null && value !== '') || required.has(key))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value ?? '')}`);
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}
