import { type Static, Type } from 'typebox';
import { LoginResponse } from './auth';
import { errorResponses } from './schema';

/**
 * A second factor for staff accounts: TOTP (RFC 6238), the six-digit codes of an authenticator app. Optional for
 * everyone; the city may require it of admins (`totpRequiredForAdmins`), and an admin without it can then do
 * nothing but enrol.
 */
export const TotpEnrolment = Type.Object({
  otpauthUrl: Type.String({ description: 'otpauth://totp/… for the authenticator app' }),
  qrSvg: Type.String({ description: 'the same URL as a QR code (SVG)' }),
  secret: Type.String({ description: 'the base32 secret, for typing in by hand' }),
});
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const TotpCodeRequest = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
);
export type TotpCodeRequest = Static<typeof TotpCodeRequest>;

export const SecuritySettings = Type.Object(
  { totpRequiredForAdmins: Type.Boolean() },
  { additionalProperties: false },
);
export type SecuritySettings = Static<typeof SecuritySettings>;

/** Each signed-in person's own second factor. */
export const totpRoutes = {
  start: {
    method: 'POST',
    path: '/api/account/totp/start',
    schema: {
      summary: 'Start enrolling TOTP: a new secret to scan (it counts once confirmed with a code)',
      tags: ['auth'],
      response: { 200: TotpEnrolment, ...errorResponses },
    },
  },
  confirm: {
    method: 'POST',
    path: '/api/account/totp/confirm',
    schema: {
      summary: "Confirm TOTP with the app's first code: from now on signing in asks for a code",
      tags: ['auth'],
      body: TotpCodeRequest,
      response: { 200: LoginResponse, ...errorResponses },
    },
  },
} as const;

/** The city's security settings (admin). */
export const securitySettingsRoutes = {
  get: {
    method: 'GET',
    path: '/api/admin/security',
    schema: {
      summary: "The city's security settings",
      tags: ['admin'],
      response: { 200: SecuritySettings, ...errorResponses },
    },
  },
  put: {
    method: 'PUT',
    path: '/api/admin/security',
    schema: {
      summary: "Change the city's security settings",
      tags: ['admin'],
      body: SecuritySettings,
      response: { 200: SecuritySettings, ...errorResponses },
    },
  },
} as const;
