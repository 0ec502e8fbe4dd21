import { type Static, Type } from 'typebox';
import { IsoDate, Ulid } from '../schema/fields';
import { HubOption } from './report-common';
import { errorResponses, Nullable } from './schema';

/**
 * The audit log page (issue 15, item 6): who did which administrative action, when, to what, with the state
 * before and after. Admin only (ACCESS 'registro-attivita'): entries name staff and reach every hub and city-wide
 * setting, so a hub lead would need a per-entry redaction nobody has asked for yet.
 */

/** The most entries one page may ask for; the default is AUDIT_PAGE_DEFAULT. */
export const AUDIT_PAGE_MAX = 500;
export const AUDIT_PAGE_DEFAULT = 50;

/** An action name as recordAudit writes it: dotted lower-case words (`device.retire`, `api_token.create`). */
const ACTION_PATTERN = '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$';

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 40, description: 'actor id: a user id, cli or system' }),
    ),
    action: Type.Optional(Type.String({ maxLength: 60, pattern: ACTION_PATTERN })),
    targetType: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' })),
    hub: Type.Optional(Ulid()),
    from: Type.Optional(IsoDate({ description: 'first local day (Europe/Rome), inclusive' })),
    to: Type.Optional(IsoDate({ description: 'last local day (Europe/Rome), inclusive' })),
    before: Type.Optional(Ulid({ description: 'paging cursor: only entries older than this entry id' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntryRow = Type.Object({
  id: Type.String(),
  /** epoch milliseconds */
  at: Type.Number(),
  actorId: Type.String(),
  actorLabel: Type.String({ description: "the user's e-mail, the command line, or the system's reason" }),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  hubId: Nullable(Type.String()),
  hubName: Nullable(Type.String()),
  /** the target's state before the action, as recorded (secrets redacted); null for a creation */
  before: Type.Unknown(),
  /** the target's state after the action; null for a removal */
  after: Type.Unknown(),
});
export type AuditEntryRow = Static<typeof AuditEntryRow>;

export const AuditPage = Type.Object({
  /** newest first */
  entries: Type.Array(AuditEntryRow),
  /** pass as `before` for the next (older) page; null when this page is the last */
  nextCursor: Nullable(Type.String()),
  /** what the filters may choose from: every actor, action and target type the log holds */
  options: Type.Object({
    actors: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
    actions: Type.Array(Type.String()),
    targetTypes: Type.Array(Type.String()),
    hubs: Type.Array(HubOption),
  }),
});
export type AuditPage = Static<typeof AuditPage>;

/** Italian words for the actions the server records; an action missing here is shown as written. */
export const AUDIT_ACTION_LABEL: Readonly<Record<string, string>> = {
  'api_token.create': 'token API creato',
  'api_token.revoke': 'token API revocato',
  'area.create': 'zona aggiunta',
  'area.remove': 'zona tolta',
  'card.issue': 'tessera emessa',
  'card.revoke': 'tessera revocata',
  'card_key.rotate': 'chiave delle tessere sostituita',
  'content.create': 'contenuto creato',
  'content.update': 'contenuto modificato',
  'content.publish': 'contenuto pubblicato',
  'content.unpublish': 'contenuto ritirato dalla pubblicazione',
  'content.delete': 'contenuto eliminato',
  'content_image.upload': 'immagine caricata',
  'device.enrolment_code': 'codice di registrazione creato',
  'device.enrol': 'totem registrato',
  'device.update': 'totem rinominato',
  'device.move': 'totem spostato',
  'device.retire': 'totem ritirato',
  'device.tags_set': 'gruppi del totem cambiati',
  'device.revoke': 'totem revocato',
  'facilitator.create': 'facilitatore creato',
  'facilitator.update': 'facilitatore modificato',
  'facilitator.pin_set': 'PIN del facilitatore cambiato',
  'facilitator.card_grant': 'tessera facilitatore assegnata',
  'hub.create': 'sede creata',
  'notice.create': 'avviso urgente inviato',
  'notice.end': 'avviso urgente terminato',
  'hub.update': 'sede modificata',
  'hub.archive': 'sede archiviata',
  'hub.unarchive': 'sede riattivata',
  'people.import': 'persone importate',
  'person.create': 'persona registrata',
  'person.update': 'dati personali modificati',
  'person.export': 'dati personali esportati',
  'person.erase': 'dati personali cancellati',
  'settings.totp_required': 'secondo fattore obbligatorio cambiato',
  'user.setup_link': 'link per il primo amministratore creato',
  'user.invite': 'invito creato',
  'user.create': 'account attivato',
  'user.role_change': 'ruolo cambiato',
  'user.disable': 'account disattivato',
  'user.enable': 'account riattivato',
  'user.reset_link': 'link per reimpostare la password creato',
  'user.password_reset': 'password reimpostata',
  'user.totp_enable': 'secondo fattore attivato',
};

/** Italian words for the kinds of thing an action is done to. */
export const AUDIT_TARGET_LABEL: Readonly<Record<string, string>> = {
  api_token: 'token API',
  card: 'tessera',
  card_key: 'chiave delle tessere',
  content: 'contenuto',
  content_image: 'immagine',
  device: 'totem',
  area: 'zona',
  facilitator: 'facilitatore',
  invite: 'invito',
  people_import: 'importazione di persone',
  setting: 'impostazione',
  hub: 'hub',
  person: 'persona',
  user: 'account',
};

const tags = ['admin'];

export const auditRoutes = {
  list: {
    method: 'GET',
    path: '/api/admin/audit',
    schema: {
      summary: 'The audit log, newest first, filtered and paged (admin)',
      tags,
      querystring: AuditQuery,
      response: { 200: AuditPage, ...errorResponses },
    },
  },
} as const;
