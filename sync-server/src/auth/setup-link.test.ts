import { describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { storeForSuite } from '../testing/suite';
import { acceptAccountLink, describeAccountLink } from './account-links';
import { announceFirstAdminLink } from './setup-link';

const PRODUCTION = { production: true, publicUrl: 'https://hub.comune.example' };
const STRONG = 'Castello-Sforzesco-Vigevano';

describe.each(testStoreKinds())('the first administrator link printed at start on %s', (kind) => {
  const store = storeForSuite(kind);

  it('is printed only in production on an empty store, and creates the first admin once', async () => {
    const db = store.store.db;
    const printed: string[] = [];
    const print = (line: string) => printed.push(line);
    expect(await announceFirstAdminLink(db, { ...PRODUCTION, production: false }, print)).toBeNull();
    expect(printed).toEqual([]);

    const link = await announceFirstAdminLink(db, PRODUCTION, print);
    expect(link?.url).toMatch(/^https:\/\/hub\.comune\.example\/accesso\/[A-Za-z0-9_-]{43}$/);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(link?.url as string);
    expect(printed[0]).toMatch(/1 hour/);
    const token = (link?.url ?? '').split('/').pop() as string;
    const info = await describeAccountLink(db, token);
    expect(info).toMatchObject({ kind: 'setup', email: '', role: 'admin' });
    expect(info.expiresAt - Date.now()).toBeLessThanOrEqual(3_600_000);

    // a restart before anyone used it prints another one
    const second = await announceFirstAdminLink(db, PRODUCTION, print);
    expect(printed).toHaveLength(2);
    // the link carries no e-mail: the person types it
    await expect(acceptAccountLink(db, token, { name: 'Admin', password: STRONG })).rejects.toThrow(/e-mail/);
    const user = await acceptAccountLink(db, token, {
      name: 'Admin',
      password: STRONG,
      email: 'Capo@Comune.it',
    });
    expect(user).toMatchObject({ email: 'capo@comune.it', role: 'admin' });

    // once an account exists, nothing more is printed, and another start's link no longer creates admins
    expect(await announceFirstAdminLink(db, PRODUCTION, print)).toBeNull();
    expect(printed).toHaveLength(2);
    const secondToken = (second?.url ?? '').split('/').pop() as string;
    await expect(
      acceptAccountLink(db, secondToken, { name: 'Intruso', password: STRONG, email: 'altro@comune.it' }),
    ).rejects.toThrow(/già stato creato/);
    expect(await db.selectFrom('users').select('email').execute()).toEqual([{ email: 'capo@comune.it' }]);
  });

  it('expires after an hour', async () => {
    const db = store.store.db;
    await db.deleteFrom('auth_sessions').execute();
    const users = await db.selectFrom('users').select('id').execute();
    // an empty store again, an hour and a bit ago
    await db.deleteFrom('users').execute();
    const link = await announceFirstAdminLink(db, PRODUCTION, () => undefined, Date.now() - 3_700_000);
    const token = (link?.url ?? '').split('/').pop() as string;
    await expect(
      acceptAccountLink(db, token, { name: 'Admin', password: STRONG, email: 'tardi@comune.it' }),
    ).rejects.toThrow(/scaduto/);
    expect(await db.selectFrom('users').select('id').execute()).toHaveLength(0);
    expect(users).toHaveLength(1);
  });
});
