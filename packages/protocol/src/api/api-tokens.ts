import { type Static, Type } from 'typebox';
import { errorResponses, ulidParams } from './schema';

/**
 * Read-only API tokens for integrations (a city's open-data portal, a BI tool): an admin creates one with the
 * scope of a role, and it reads what that role reads with `Authorization: Bearer <token>`. A token never writes:
 * any other method than GET is refused (403), whatever its role. The server keeps only the token's hash.
 */
export const API_TOKEN_ROLES = ['viewer', 'coordinator'] as const;
export type ApiTokenRole = (typeof API_TOKEN_ROLES)[number];

/** Every API token starts so: told apart from a kiosk's device token at a glance (and by the server). */
export const API_TOKEN_PREFIX = 'vgapi_';

export const NewApiTokenRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80, description: 'who uses it, e.g. "Portale open data"' }),
    role: Type.Enum(API_TOKEN_ROLES, { description: 'what it may read: the GET routes of this role' }),
  },
  { additionalProperties: false },
);
export type NewApiTokenRequest = Static<typeof NewApiTokenRequest>;

export const ApiTokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.Enum(API_TOKEN_ROLES),
  createdAt: Type.Number(),
  createdBy: Type.String({ description: 'the admin who created it (user id)' }),
  lastUsedAt: Type.Union([Type.Number(), Type.Null()]),
  revokedAt: Type.Union([Type.Number(), Type.Null()]),
});
export type ApiTokenInfo = Static<typeof ApiTokenInfo>;

export const NewApiTokenResponse = Type.Object({
  token: ApiTokenInfo,
  secret: Type.String({ description: 'the bearer token: shown this once, the server keeps only its hash' }),
});
export type NewApiTokenResponse = Static<typeof NewApiTokenResponse>;

export const ApiTokenList = Type.Object({ tokens: Type.Array(ApiTokenInfo) });
export type ApiTokenList = Static<typeof ApiTokenList>;

const tags = ['admin'];

/** Admin only (session cookie): API tokens are never managed with an API token. */
export const apiTokenRoutes = {
  list: {
    method: 'GET',
    path: '/api/admin/api-tokens',
    schema: {
      summary: 'Every API token, revoked ones too',
      tags,
      response: { 200: ApiTokenList, ...errorResponses },
    },
  },
  create: {
    method: 'POST',
    path: '/api/admin/api-tokens',
    schema: {
      summary: 'A new read-only API token; its secret is in this answer only',
      tags,
      body: NewApiTokenRequest,
      response: { 200: NewApiTokenResponse, ...errorResponses },
    },
  },
  revoke: {
    method: 'DELETE',
    path: '/api/admin/api-tokens/:tokenId',
    schema: {
      summary: 'Revoke an API token: it stops working at once',
      tags,
      params: ulidParams('tokenId'),
      response: { 200: Type.Object({ token: ApiTokenInfo }), ...errorResponses },
    },
  },
} as const;
