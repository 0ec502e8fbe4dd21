import { describe, expect, it } from 'vitest';
import { acceptAccountLink } from '../../auth/account-links';
import { testStoreKinds } from '../../store/test-stores';
import { storeForSuite } from '../../testing/suite';
import { adminCreateCommand } from './admin-create';

describe.each(testStoreKinds())('city admin create on %s', (kind) => {
  const store = storeForSuite(kind);
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const command = adminCreateCommand({
      env: { DATABASE_URL: store.url, PUBLIC_URL: 'https://hub.comune.example' },
      print: (line) => lines.push(line),
    });
    command.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
    for (const sub of command.commands) sub.exitOverride();
    await command.parseAsync(args, { from: 'user' });
    return lines;
  };

  it('prints a one-time link that creates an administrator once, and no password', async () => {
    const lines = await run('create', '--email', 'Sindaco@Comune.example', '--name', 'Ufficio hub');
    expect(lines[0]).toMatch(/sindaco@comune\.example/);
    expect(lines.join('\n')).not.toMatch(/password/i);
    const url = lines[1] as string;
    expect(url).toMatch(/^https:\/\/hub\.comune\.example\/accesso\/[A-Za-z0-9_-]{43}$/);
    const token = url.split('/').pop() as string;
    const user = await acceptAccountLink(store.store.db, token, {
      name: 'Ufficio hub',
      password: 'Lomellina-Ducale-1492',
    });
    expect(user).toMatchObject({ email: 'sindaco@comune.example', role: 'admin', hubIds: [] });
    await expect(
      acceptAccountLink(store.store.db, token, { name: 'Altro', password: 'Lomellina-Ducale-1492' }),
    ).rejects.toThrow(/già stato usato/);
    const audit = await store.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'user.setup_link', actor_id: 'cli' },
      { action: 'user.create', actor_id: user.id },
    ]);
  });

  it('uses --base-url, and refuses a missing or malformed e-mail without writing', async () => {
    const lines = await run('create', '--email', 'due@comune.example', '--base-url', 'http://10.0.0.5:4400/');
    expect(lines[1]).toMatch(/^http:\/\/10\.0\.0\.5:4400\/accesso\//);
    const before = await store.store.db.selectFrom('account_links').select('token_hash').execute();
    await expect(run('create')).rejects.toThrow(/--email/);
    await expect(run('create', '--email', 'non-una-email')).rejects.toThrow(/not an e-mail/);
    expect(await store.store.db.selectFrom('account_links').select('token_hash').execute()).toHaveLength(
      before.length,
    );
  });
});
