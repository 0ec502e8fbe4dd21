import type { SessionUser, TotpEnrolment } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { recordAudit, userActor } from '../audit/audit-log';
import { ApiFailure } from '../http/api-failure';
import type { Database } from '../store/schema';

/** The settings row that makes TOTP compulsory for admins ('1'; absent or anything else: optional). */
const TOTP_REQUIRED_SETTING = 'totp_required_for_admins';
/** The name an authenticator app shows next to the account. */
const ISSUER = 'Hub di Vigevano';

/**
 * Whether `code` is the current TOTP code of `secret` (RFC 6238: 30 s steps, 6 digits, SHA-1, as authenticator
 * apps use), one step either side accepted for a phone's clock a little off.
 */
export async function totpCodeValid(secret: string, code: string): Promise<boolean> {
  const result = await verify({ secret, token: code, epochTolerance: 30 });
  return result.valid;
}

/**
 * A new secret for `user` to scan, kept as pending: signing in does not ask for codes until it is confirmed
 * (confirmTotp). Starting again replaces a pending secret, never a confirmed one.
 */
export async function startTotpEnrolment(db: Kysely<Database>, user: SessionUser): Promise<TotpEnrolment> {
  const secret = generateSecret();
  await db.updateTable('users').set({ totp_pending: secret }).where('id', '=', user.id).execute();
  const otpauthUrl = generateURI({ issuer: ISSUER, label: user.email, secret });
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUrl, qrSvg, secret };
}

/**
 * Confirms the pending secret with a code from the app; from then on signing in asks for a code. Audit
 * `user.totp_enable`. Throws ApiFailure conflict when no enrolment was started, validation_failed for a wrong code
 * (nothing written).
 */
export async function confirmTotp(
  db: Kysely<Database>,
  user: SessionUser,
  code: string,
  now = Date.now(),
): Promise<void> {
  const row = await db
    .selectFrom('users')
    .select('totp_pending')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (!row.totp_pending) throw new ApiFailure('conflict', 'avvia prima la configurazione dell’app');
  if (!(await totpCodeValid(row.totp_pending, code)))
    throw new ApiFailure('validation_failed', "il codice non è corretto: usa quello che l'app mostra ora", {
      field: 'code',
    });
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ totp_secret: row.totp_pending, totp_pending: null })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(
      tx,
      { actor: userActor(user), action: 'user.totp_enable', target: { type: 'user', id: user.id } },
      now,
    );
  });
}

/** Whether the city requires TOTP of admins (settings table). */
export async function totpRequiredForAdmins(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', TOTP_REQUIRED_SETTING)
    .executeTakeFirst();
  return row?.value === '1';
}

/** Turns the requirement on or off (audit `settings.totp_required`, before and after). */
export async function setTotpRequiredForAdmins(
  db: Kysely<Database>,
  by: SessionUser,
  required: boolean,
  now = Date.now(),
): Promise<void> {
  const before = await totpRequiredForAdmins(db);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('settings').where('key', '=', TOTP_REQUIRED_SETTING).execute();
    if (required)
      await tx.insertInto('settings').values({ key: TOTP_REQUIRED_SETTING, value: '1' }).execute();
    await recordAudit(
      tx,
      {
        actor: userActor(by),
        action: 'settings.totp_required',
        target: { type: 'setting', id: TOTP_REQUIRED_SETTING },
        before: { totpRequiredForAdmins: before },
        after: { totpRequiredForAdmins: required },
      },
      now,
    );
  });
}

/** Whether this user must enrol TOTP before anything else: an admin without it while the city requires it. */
export async function mustEnrolTotp(db: Kysely<Database>, user: SessionUser): Promise<boolean> {
  if (user.role !== 'admin') return false;
  const row = await db.selectFrom('users').select('totp_secret').where('id', '=', user.id).executeTakeFirst();
  // an API token's user has no row: tokens are never admins (api-tokens.ts)
  if (!row || row.totp_secret) return false;
  return totpRequiredForAdmins(db);
}
