import { type Static, Type } from 'typebox';
import { Ulid } from '../schema/fields';
import { LoginResponse, ROLES } from './auth';
import { errorResponses, Nullable, ulidParams } from './schema';

/**
 * Staff accounts (issue 15, items 1 and 3): one-time links and the admin's "Personale" page. One mechanism for
 * every link a person receives: the first administrator's setup link, an invitation and a password reset. The
 * server keeps only the SHA-256 of a link's token; a link works once and only until it expires.
 */
export const ACCOUNT_LINK_KINDS = ['setup', 'invite', 'reset'] as const;
export type AccountLinkKind = (typeof ACCOUNT_LINK_KINDS)[number];

/** How long a link works, in ms: an hour for the setup link and a reset, a week for an invitation. */
export const ACCOUNT_LINK_TTL_MS: Readonly<Record<AccountLinkKind, number>> = {
  setup: 3_600_000,
  invite: 7 * 24 * 3_600_000,
  reset: 3_600_000,
};

/** Where a link opens in the dashboard: `/accesso/<token>` (no sign-in needed). */
export const ACCOUNT_LINK_PAGE = '/accesso';

/** The secret of a link as it appears in the URL: base64url, as the server makes it (auth/tokens.ts). */
const LinkToken = () => Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$', description: 'the link secret' });

const RoleSchema = Type.Enum(ROLES);
const HubIds = Type.Array(Ulid(), {
  maxItems: 50,
  uniqueItems: true,
  description: 'the hubs of a hub lead (at least one); empty for every other role',
});

/** What the accept page shows about a link before the person sets a password. */
export const AccountLinkInfo = Type.Object({
  kind: Type.Enum(ACCOUNT_LINK_KINDS),
  email: Type.String({ description: 'empty for the setup link printed at start: the person types it' }),
  role: RoleSchema,
  hubNames: Type.Array(Type.String()),
  expiresAt: Type.Number({ description: 'epoch ms' }),
  /** the name to suggest: a reset's account name, or the one given to `city admin create`; null: ask */
  name: Nullable(Type.String()),
});
export type AccountLinkInfo = Static<typeof AccountLinkInfo>;

export const AcceptAccountLinkRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(
      Type.String({
        format: 'email',
        maxLength: 200,
        description: 'only for a setup link that carries no e-mail (the one printed at start)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AcceptAccountLinkRequest = Static<typeof AcceptAccountLinkRequest>;

/** A link just made: shown once to the admin (the server keeps only its hash). */
export const IssuedAccountLink = Type.Object({
  url: Type.String({ description: 'the full link to send to the person' }),
  kind: Type.Enum(ACCOUNT_LINK_KINDS),
  email: Type.String(),
  expiresAt: Type.Number({ description: 'epoch ms' }),
  /** whether the server also sent it by e-mail (SMTP_URL configured) */
  emailed: Type.Boolean(),
});
export type IssuedAccountLink = Static<typeof IssuedAccountLink>;

export const STAFF_STATES = ['active', 'disabled'] as const;

/** One person on the staff page. */
export const StaffMember = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  hubIds: Type.Array(Type.String()),
  state: Type.Enum(STAFF_STATES),
  lastLoginAt: Nullable(Type.Number({ description: 'epoch ms' })),
  createdAt: Type.Number(),
  totp: Type.Boolean({ description: 'whether signing in asks for an authenticator code (TOTP confirmed)' }),
});
export type StaffMember = Static<typeof StaffMember>;

/** An invitation not used yet (and not expired). */
export const PendingInvite = Type.Object({
  email: Type.String(),
  role: RoleSchema,
  hubIds: Type.Array(Type.String()),
  expiresAt: Type.Number(),
});
export type PendingInvite = Static<typeof PendingInvite>;

export const StaffList = Type.Object({
  users: Type.Array(StaffMember),
  invites: Type.Array(PendingInvite),
});
export type StaffList = Static<typeof StaffList>;

export const InviteRequest = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 200 }),
    role: RoleSchema,
    hubIds: HubIds,
  },
  { additionalProperties: false },
);
export type InviteRequest = Static<typeof InviteRequest>;

export const RoleChangeRequest = Type.Object(
  { role: RoleSchema, hubIds: HubIds },
  { additionalProperties: false },
);
export type RoleChangeRequest = Static<typeof RoleChangeRequest>;

const StaffMemberResponse = Type.Object({ user: StaffMember });

/** Opened by whoever holds a link: no session, rate limited like the login. */
export const accountLinkRoutes = {
  describe: {
    method: 'GET',
    path: '/api/account-links/:token',
    schema: {
      summary: 'What a one-time link is for (setup, invitation, reset), if it still works',
      tags: ['auth'],
      params: Type.Object({ token: LinkToken() }),
      response: { 200: AccountLinkInfo, ...errorResponses },
    },
  },
  accept: {
    method: 'POST',
    path: '/api/account-links/:token/accept',
    schema: {
      summary: 'Use a one-time link: create the account (or set its new password); the link stops working',
      tags: ['auth'],
      params: Type.Object({ token: LinkToken() }),
      body: AcceptAccountLinkRequest,
      response: { 200: LoginResponse, ...errorResponses },
    },
  },
} as const;

const tags = ['admin'];

/** The admin's staff page (session cookie). */
export const staffRoutes = {
  list: {
    method: 'GET',
    path: '/api/admin/staff',
    schema: {
      summary: 'Every staff account and the pending invitations',
      tags,
      response: { 200: StaffList, ...errorResponses },
    },
  },
  invite: {
    method: 'POST',
    path: '/api/admin/staff/invites',
    schema: {
      summary: 'Invite a person: a one-time link valid for 7 days',
      tags,
      body: InviteRequest,
      response: { 200: IssuedAccountLink, ...errorResponses },
    },
  },
  changeRole: {
    method: 'PUT',
    path: '/api/admin/staff/:userId/role',
    schema: {
      summary: "Change a person's role (and a hub lead's hubs)",
      tags,
      params: ulidParams('userId'),
      body: RoleChangeRequest,
      response: { 200: StaffMemberResponse, ...errorResponses },
    },
  },
  disable: {
    method: 'POST',
    path: '/api/admin/staff/:userId/disable',
    schema: {
      summary: 'Disable an account: its sessions end at once, it can no longer sign in',
      tags,
      params: ulidParams('userId'),
      response: { 200: StaffMemberResponse, ...errorResponses },
    },
  },
  enable: {
    method: 'POST',
    path: '/api/admin/staff/:userId/enable',
    schema: {
      summary: 'Enable a disabled account again',
      tags,
      params: ulidParams('userId'),
      response: { 200: StaffMemberResponse, ...errorResponses },
    },
  },
  resetLink: {
    method: 'POST',
    path: '/api/admin/staff/:userId/reset-link',
    schema: {
      summary: 'A one-time link (1 hour) with which the person sets a new password',
      tags,
      params: ulidParams('userId'),
      response: { 200: IssuedAccountLink, ...errorResponses },
    },
  },
  totpReset: {
    method: 'POST',
    path: '/api/admin/staff/:userId/totp-reset',
    schema: {
      summary:
        "Remove an account's authenticator (a lost phone): its sessions end; it signs in with the password alone, and enrols again if the city requires it",
      tags,
      params: ulidParams('userId'),
      response: { 200: StaffMemberResponse, ...errorResponses },
    },
  },
} as const;
