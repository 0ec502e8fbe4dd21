import { ROLES, type Role } from './auth';

/** Every coordinator's role. */
export const EVERY_ROLE: readonly Role[] = ROLES;
/** Who edits what the kiosks show and enrols or revokes kiosks. */
export const EDITORS: readonly Role[] = ['admin', 'coordinator'];
/** Who may see personal data (names on rosters, people's records): the admin and a hub's lead, for their hub. */
export const PERSONAL_DATA: readonly Role[] = ['admin', 'hub_lead'];

/** Who reads a session's closing notes in the sessions report: not the viewer (free text facilitators write). */
export const SESSION_NOTES: readonly Role[] = ['admin', 'coordinator', 'hub_lead'];

/** One area of the dashboard: a page of its own, or a part of one (a roster), or an account function. */
export interface AccessArea {
  /** a short name for messages and tests */
  name: string;
  /** the dashboard page, when the area is one (path as the dashboard routes it; label as its menu shows it) */
  page?: { path: string; label: string };
  /** who may open the page and call its API */
  roles: readonly Role[];
  /**
   * the API routes the area's data comes from, as path prefixes in the routes' own syntax (`:param` kept): a
   * prefix covers itself and every path below it (`/x` covers `/x/y`, not `/x-y`)
   */
  api: readonly string[];
}

/**
 * Who may see which page and call which API route: the one table the server's guard (sync-server/src/auth/guard.ts),
 * the dashboard's menu (apps/dashboard/src/App.tsx) and the tests read. Routes for devices or for nobody in
 * particular (sync, enrolment, health, login) are not here: they have no user role.
 */
export const ACCESS: readonly AccessArea[] = [
  {
    name: 'oggi',
    page: { path: '/', label: 'Oggi' },
    roles: EVERY_ROLE,
    api: ['/api/dashboard/city-now', '/api/city/overview'],
  },
  {
    name: 'presenze',
    page: { path: '/presenze', label: 'Presenze' },
    roles: EVERY_ROLE,
    api: ['/api/dashboard/attendance'],
  },
  {
    name: 'connessioni',
    page: { path: '/connessioni', label: 'Connessioni' },
    roles: EVERY_ROLE,
    api: ['/api/dashboard/connections'],
  },
  {
    name: 'attivita',
    page: { path: '/attivita', label: 'Attività' },
    roles: EVERY_ROLE,
    api: ['/api/dashboard/sessions'],
  },
  // A roster names people: a part of the sessions page only some roles see.
  { name: 'registro', roles: PERSONAL_DATA, api: ['/api/dashboard/sessions/:sessionId/roster'] },
  // Taking attendance and annulling a check-in by mistake act on named people, from the roster: the same roles.
  {
    name: 'registro-correzioni',
    roles: PERSONAL_DATA,
    api: [
      '/api/dashboard/sessions/:sessionId/attendance',
      '/api/dashboard/checkins',
      '/api/dashboard/operation-hours',
    ],
  },
  // Refused scans carry no personal data: counts by reason, kiosk and hour.
  {
    name: 'scansioni-rifiutate',
    page: { path: '/scansioni-rifiutate', label: 'Scansioni rifiutate' },
    roles: EVERY_ROLE,
    api: ['/api/dashboard/refusals'],
  },
  {
    name: 'fse',
    page: { path: '/fse', label: 'FSE+' },
    roles: EVERY_ROLE,
    api: ['/api/dashboard/esf', '/api/dashboard/esf.csv'],
  },
  // ESF+ per funded operation and period (issue 18): aggregate counts, for every role (a hub lead's narrowed to the
  // operations at their hubs by the query); the list of whose data is missing names people.
  {
    name: 'fse-operazioni',
    page: { path: '/fse-operazioni', label: 'FSE+ operazioni' },
    roles: EVERY_ROLE,
    api: [
      '/api/dashboard/esf-operations',
      '/api/dashboard/esf-operations.csv',
      '/api/dashboard/esf-operations.xlsx',
    ],
  },
  { name: 'fse-dati-mancanti', roles: PERSONAL_DATA, api: ['/api/dashboard/esf-operations/missing'] },
  // Attendance registers (PDF) name each participant: the admin and the hub's lead (checked in the handler).
  { name: 'registri-presenze', roles: PERSONAL_DATA, api: ['/api/dashboard/registers'] },
  {
    name: 'contenuti',
    page: { path: '/contenuti', label: 'Contenuti' },
    roles: EDITORS,
    api: ['/api/dashboard/content', '/api/dashboard/content-images', '/api/dashboard/media'],
  },
  // Proof of play (issue 17, item 6): what the kiosks showed, for whoever edits what they show.
  {
    name: 'riproduzioni',
    page: { path: '/riproduzioni', label: 'Riproduzioni' },
    roles: EDITORS,
    api: ['/api/dashboard/plays'],
  },
  // Urgent notices (issue 17, item 4): they interrupt kiosks, so the same roles as the content they cover.
  {
    name: 'avvisi',
    page: { path: '/avvisi', label: 'Avvisi urgenti' },
    roles: EDITORS,
    api: ['/api/dashboard/notices'],
  },
  // The bytes of an image or video the content names: every page may show one (kiosks read them with their own
  // token).
  { name: 'immagini', roles: EVERY_ROLE, api: ['/api/content-images', '/api/media'] },
  {
    name: 'dispositivi',
    page: { path: '/dispositivi', label: 'Totem' },
    roles: EDITORS,
    // the alerts (a silent kiosk, a full disk, a wrong clock) are shown with the kiosks they are about
    api: [
      '/api/dashboard/devices',
      '/api/hubs/:hubId/enrolment-codes',
      '/api/devices/:deviceId/revoke',
      '/api/alerts',
    ],
  },
  // Hubs: every role reads them (the page shows each role what it may do); the admin and coordinators write them.
  {
    name: 'sedi',
    page: { path: '/sedi', label: 'Sedi' },
    roles: EVERY_ROLE,
    api: ['/api/dashboard/hubs'],
  },
  { name: 'sedi-modifica', roles: EDITORS, api: ['/api/admin/hubs', '/api/admin/hub-areas'] },
  // Facilitators and their kiosk PINs: a hub lead manages those of their own hub(s) (checked in the handler).
  {
    name: 'facilitatori',
    page: { path: '/facilitatori', label: 'Facilitatori' },
    roles: ['admin', 'coordinator', 'hub_lead'],
    api: ['/api/dashboard/facilitators'],
  },
  // Funded operations (issue 18): hub leads read those at their hubs; the admin and coordinators write them.
  {
    name: 'operazioni',
    page: { path: '/operazioni', label: 'Operazioni' },
    roles: ['admin', 'coordinator', 'hub_lead'],
    api: ['/api/dashboard/operations'],
  },
  { name: 'operazioni-modifica', roles: EDITORS, api: ['/api/admin/operations'] },
  // Planning sessions and series: a hub lead plans at their own hub(s) (checked in the handler).
  {
    name: 'pianificazione',
    page: { path: '/pianificazione', label: 'Pianificazione' },
    roles: ['admin', 'coordinator', 'hub_lead'],
    api: ['/api/dashboard/planning'],
  },
  // Participants are personal data, but the funder's records (entry, exit, results) are kept by coordinators
  // city-wide (issue 18 item 3: "entered by a coordinator"), so coordinators see the participants of operations,
  // and only those; hub leads those of their hubs. Viewers never.
  {
    name: 'partecipanti',
    page: { path: '/partecipanti', label: 'Partecipanti' },
    roles: ['admin', 'coordinator', 'hub_lead'],
    api: ['/api/dashboard/participants'],
  },
  {
    name: 'persone',
    page: { path: '/persone', label: 'Persone' },
    roles: PERSONAL_DATA,
    api: ['/api/dashboard/people'],
  },
  // Importing people from a CSV file: the same roles as registering one (a hub lead only into their hub), shown
  // on the people page.
  { name: 'importa-persone', roles: PERSONAL_DATA, api: ['/api/dashboard/people-import'] },
  // Every administrative action, who and when, before and after (audit/audit-log.ts). The admin's alone: entries
  // name staff and span every hub and city-wide setting (hub leads do not see their hubs' entries).
  {
    name: 'registro-attivita',
    page: { path: '/registro', label: 'Registro attività' },
    roles: ['admin'],
    api: ['/api/admin/audit'],
  },
  {
    name: 'personale',
    page: { path: '/personale', label: 'Personale' },
    roles: ['admin'],
    api: ['/api/admin/staff', '/api/admin/security'],
  },
  { name: 'account', roles: EVERY_ROLE, api: ['/api/auth/me', '/api/account'] },
  // Read-only API tokens for integrations: created and revoked by the admin (auth/api-tokens.ts).
  { name: 'token-api', roles: ['admin'], api: ['/api/admin/api-tokens'] },
  // The API's OpenAPI description: every signed-in role (and API tokens) may read it; the browsable page is the admin's.
  { name: 'openapi', roles: EVERY_ROLE, api: ['/api/openapi.json'] },
  { name: 'documentazione-api', roles: ['admin'], api: ['/api/docs'] },
  // Kiosk software releases: uploaded and rolled out by the admin (scripts, no page).
  { name: 'aggiornamenti', roles: ['admin'], api: ['/api/updates'] },
];

/** The dashboard's pages in menu order. */
export const DASHBOARD_PAGES = ACCESS.flatMap((a) => (a.page ? [{ ...a.page, roles: a.roles }] : []));

const covers = (prefix: string, path: string) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * The area an API route belongs to: the entry with the longest prefix covering `routePath` (the route as declared,
 * e.g. `/api/dashboard/sessions/:sessionId/roster`), or undefined when no area names it.
 */
export function accessAreaOf(routePath: string): AccessArea | undefined {
  let best: { area: AccessArea; length: number } | undefined;
  for (const area of ACCESS)
    for (const prefix of area.api)
      if (covers(prefix, routePath) && prefix.length > (best?.length ?? -1))
        best = { area, length: prefix.length };
  return best?.area;
}

/** Whether `role` may open the dashboard page at `pagePath` (a page not in ACCESS is open to nobody). */
export function mayOpenPage(role: Role, pagePath: string): boolean {
  return ACCESS.find((a) => a.page?.path === pagePath)?.roles.includes(role) ?? false;
}
