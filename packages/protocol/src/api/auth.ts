import { type Static, Type } from 'typebox';
import { errorResponses, OkResponse } from './schema';

/** Coordinators' roles, from most to least power. Every dashboard route checks the role on the server. */
export const ROLES = ['admin', 'coordinator', 'hub_lead', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const LoginRequest = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    code: Type.Optional(
      Type.String({
        pattern: '^[0-9]{6}$',
        description: "the authenticator app's code, for accounts with TOTP",
      }),
    ),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const SessionUser = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([
    Type.Literal('admin'),
    Type.Literal('coordinator'),
    Type.Literal('hub_lead'),
    Type.Literal('viewer'),
  ]),
  hubIds: Type.Array(Type.String(), {
    description: 'the hubs a hub lead works on (one or several); empty for every other role',
  }),
});
export type SessionUser = Static<typeof SessionUser>;

/**
 * Whether `user` may see and act on the hub `hubId`: every hub for the city-wide roles, only the chosen hubs for
 * a hub lead.
 */
export function mayActOnHub(user: Pick<SessionUser, 'role' | 'hubIds'>, hubId: string): boolean {
  return user.role !== 'hub_lead' || user.hubIds.includes(hubId);
}

export const LoginResponse = Type.Object({
  user: SessionUser,
  mustEnrolTotp: Type.Optional(
    Type.Boolean({
      description:
        'the city requires TOTP for admins and this admin has none: nothing else works until enrolled',
    }),
  ),
});
export type LoginResponse = Static<typeof LoginResponse>;

/** Routes of the dashboard's auth API (cookie session). */
export const authRoutes = {
  login: {
    method: 'POST',
    path: '/api/auth/login',
    schema: {
      summary: 'Sign in: sets the session cookie and the CSRF cookie',
      tags: ['auth'],
      body: LoginRequest,
      response: { 200: LoginResponse, ...errorResponses },
    },
  },
  me: {
    method: 'GET',
    path: '/api/auth/me',
    schema: {
      summary: 'Who is signed in',
      tags: ['auth'],
      response: { 200: LoginResponse, ...errorResponses },
    },
  },
  logout: {
    method: 'POST',
    path: '/api/auth/logout',
    schema: { summary: 'Sign out', tags: ['auth'], response: { 200: OkResponse, ...errorResponses } },
  },
} as const;
