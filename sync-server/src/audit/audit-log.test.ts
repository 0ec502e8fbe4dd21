import { describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { storeForSuite } from '../testing/suite';
import { recordAudit, redactedJson, userActor } from './audit-log';

describe('redactedJson', () => {
  it('hides secrets at any depth and keeps the rest', () => {
    const json = redactedJson({
      name: 'Centro',
      facilitatorPin: { salt: 's', hash: 'h' },
      users: [{ password: 'x' }],
    });
    expect(JSON.parse(json ?? '')).toEqual({
      name: 'Centro',
      facilitatorPin: '[redatto]',
      users: [{ password: '[redatto]' }],
    });
    expect(redactedJson(undefined)).toBeNull();
  });
});

describe.each(testStoreKinds())('the audit log on %s', (kind) => {
  const t = storeForSuite(kind);

  it('appends an entry with who, when, what, before and after', async () => {
    const id = await recordAudit(
      t.store.db,
      {
        actor: userActor({ id: '01JAAAAAAAAAAAAAAAAAAAAAAA', email: 'admin@comune.vigevano.pv.it' }),
        action: 'hub.update',
        target: { type: 'hub', id: '01JBBBBBBBBBBBBBBBBBBBBBBB' },
        hubId: '01JBBBBBBBBBBBBBBBBBBBBBBB',
        before: { name: 'Centro' },
        after: { name: 'Centro storico' },
      },
      1_800_000_000_000,
    );
    const row = await t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      at: 1_800_000_000_000,
      actor_label: 'admin@comune.vigevano.pv.it',
      action: 'hub.update',
      target_type: 'hub',
      before_json: '{"name":"Centro"}',
      after_json: '{"name":"Centro storico"}',
    });
    expect(Number(row.at)).toBe(1_800_000_000_000);
  });

  it('refuses to change or delete an entry, at the database itself', async () => {
    const id = await recordAudit(t.store.db, {
      actor: { kind: 'cli', command: 'admin create' },
      action: 'user.invite',
      target: { type: 'user', id: 'x' },
    });
    await expect(
      t.store.db.updateTable('audit_log').set({ action: 'forged' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.store.db.deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
    const row = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.action).toBe('user.invite');
  });
});
