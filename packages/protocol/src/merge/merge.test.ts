import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../collections/cards';
import type { Enrolment } from '../collections/enrolments';
import { collections } from '../collections/registry';
import type { Session } from '../collections/sessions';
import { decidePush } from './push-decision';
import { mergeCards, mergeEnrolments, mergeRules, mergeSessions, type Replicated } from './rules';
import { canonicalJson, sameDocument } from './same-document';

const ID = '01JD0000000000000000000001';
const HUB = '01JD0000000000000000000002';

const session = fc.record({
  id: fc.constant(ID),
  hubId: fc.constant(HUB),
  kind: fc.constantFrom('lesson', 'workshop', 'desk'),
  activity: fc.constantFrom('Italiano', 'Informatica'),
  title: fc.constantFrom('Lezione 1', 'Lezione 2', 'Aula 3'),
  targetGroup: fc.constant('everyone'),
  startsAt: fc.integer({ min: 0, max: 10 }),
  endsAt: fc.integer({ min: 10, max: 20 }),
  capacity: fc.integer({ min: 0, max: 30 }),
  facilitator: fc.constantFrom('Giulia', 'Marco'),
  status: fc.constantFrom('planned', 'open', 'closed', 'cancelled'),
  notes: fc.constantFrom('', 'a', 'b', 'a\nb', 'portare i libri'),
  updatedAt: fc.integer({ min: 0, max: 5 }),
  _deleted: fc.boolean(),
}) as fc.Arbitrary<Replicated<Session>>;

const enrolment = fc.record({
  id: fc.constant(`${ID}:${HUB}`),
  sessionId: fc.constant(ID),
  hubId: fc.constant(HUB),
  cardId: fc.constant(HUB),
  alias: fc.constantFrom('Maria', 'Ahmed', ''),
  walkIn: fc.boolean(),
  attendance: fc.constantFrom('unknown', 'present', 'absent'),
  markedBy: fc.constantFrom('Giulia', 'Marco'),
  updatedAt: fc.integer({ min: 0, max: 5 }),
  _deleted: fc.boolean(),
}) as fc.Arbitrary<Replicated<Enrolment>>;

const card = fc
  .record({
    alias: fc.constantFrom('Maria', 'Ahmed', ''),
    revoked: fc.boolean(),
    revokedAt: fc.integer({ min: 1, max: 9 }),
    revokedReason: fc.constantFrom('lost', 'reissued', 'erased', 'other'),
    updatedAt: fc.integer({ min: 0, max: 5 }),
  })
  .map(
    ({ alias, revoked, revokedAt, revokedReason, updatedAt }): Replicated<Card> => ({
      id: ID,
      hubId: HUB,
      visitorId: ID,
      alias,
      language: 'it',
      issuer: 'server',
      issuedAt: 1,
      revoked,
      ...(revoked ? { revokedAt, revokedReason } : {}),
      updatedAt,
      _deleted: false,
    }),
  );

describe('merge rules', () => {
  it('exist for exactly the collections whose written policy is "merge"', () => {
    const merging = Object.values(collections)
      .filter((c) => c.conflict.kind === 'merge')
      .map((c) => c.name)
      .sort();
    expect(Object.keys(mergeRules).sort()).toEqual(merging);
  });

  it.each([
    ['sessions', session, mergeSessions],
    ['enrolments', enrolment, mergeEnrolments],
    ['cards', card, mergeCards],
  ] as const)(
    '%s: merging what is already merged changes nothing (so kiosks never push a merge back)',
    (_n, arb, merge) => {
      fc.assert(
        fc.property(arb, arb, (a, b) => {
          // biome-ignore lint/suspicious/noExplicitAny: one property over three document types
          const m = (merge as any)(a, b);
          // biome-ignore lint/suspicious/noExplicitAny: idem
          expect((merge as any)(m, b)).toEqual(m);
        }),
      );
    },
  );

  it.each([
    ['sessions', session, mergeSessions],
    ['enrolments', enrolment, mergeEnrolments],
  ] as const)('%s: both sides reach the same state, whichever merges first', (_n, arb, merge) => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        // biome-ignore lint/suspicious/noExplicitAny: one property over two document types
        expect((merge as any)(a, b)).toEqual((merge as any)(b, a));
      }),
    );
  });

  it('sessions: status only moves forward and cancelled wins; notes from both sides kept; the later edit wins the rest', () => {
    const base = fc.sample(session, 1)[0] as Replicated<Session>;
    const a = {
      ...base,
      status: 'closed' as const,
      notes: 'a',
      title: 'vecchio',
      updatedAt: 1,
      _deleted: false,
    };
    const b = { ...base, status: 'open' as const, notes: 'b', title: 'nuovo', updatedAt: 2, _deleted: false };
    expect(mergeSessions(a, b)).toMatchObject({
      status: 'closed',
      notes: 'a\nb',
      title: 'nuovo',
      updatedAt: 2,
    });
    expect(mergeSessions({ ...a, status: 'cancelled' }, b).status).toBe('cancelled');
  });

  it('cards: a revocation always wins and the stored revocation keeps its time and reason; identity stays as issued', () => {
    const issued = fc.sample(card, 1)[0] as Replicated<Card>;
    const master = { ...issued, alias: 'Maria', revoked: false, updatedAt: 1 };
    delete master.revokedAt;
    delete master.revokedReason;
    const revoked = {
      ...master,
      alias: 'Altro',
      revoked: true,
      revokedAt: 5,
      revokedReason: 'lost' as const,
      updatedAt: 3,
    };
    expect(mergeCards(master, revoked)).toEqual({ ...revoked, alias: 'Maria' });
    expect(mergeCards(revoked, master)).toEqual({ ...revoked, alias: 'Altro' });
  });

  it('enrolments: walkIn stays true once true; attendance follows the later mark', () => {
    const base = fc.sample(enrolment, 1)[0] as Replicated<Enrolment>;
    const a = { ...base, walkIn: true, attendance: 'present' as const, updatedAt: 1 };
    const b = { ...base, walkIn: false, attendance: 'absent' as const, updatedAt: 2 };
    expect(mergeEnrolments(a, b)).toMatchObject({ walkIn: true, attendance: 'absent', updatedAt: 2 });
  });

  it('enrolments: an alias the server erased stays erased, whichever copy was marked later', () => {
    const base = fc.sample(enrolment, 1)[0] as Replicated<Enrolment>;
    const erased = { ...base, alias: '', updatedAt: 5 };
    const kiosk = { ...base, alias: 'Zefirina', attendance: 'present' as const, updatedAt: 9 };
    expect(mergeEnrolments(erased, kiosk)).toMatchObject({ alias: '', attendance: 'present', updatedAt: 9 });
    expect(mergeEnrolments(kiosk, erased)).toMatchObject({ alias: '', attendance: 'present', updatedAt: 9 });
  });
});

describe('decidePush', () => {
  const doc = { id: ID, value: 1, _deleted: false };
  it('immutable: the same body again is a no-op, another body a conflict the original wins', () => {
    const policy = { kind: 'immutable' } as const;
    expect(decidePush(policy, { master: undefined, incoming: doc, assumed: undefined })).toEqual({
      kind: 'write',
      doc,
    });
    expect(decidePush(policy, { master: doc, incoming: { ...doc }, assumed: undefined })).toEqual({
      kind: 'unchanged',
    });
    expect(decidePush(policy, { master: doc, incoming: { ...doc, value: 2 }, assumed: doc })).toEqual({
      kind: 'conflict',
      master: doc,
    });
  });

  it('compare-and-set (RxDB default): writes only over the state the kiosk saw', () => {
    const policy = { kind: 'compare-and-set' } as const;
    const next = { ...doc, value: 2 };
    expect(decidePush(policy, { master: doc, incoming: next, assumed: doc }).kind).toBe('write');
    expect(decidePush(policy, { master: next, incoming: { ...doc, value: 3 }, assumed: doc })).toEqual({
      kind: 'conflict',
      master: next,
    });
  });

  it('merge: fast-forwards over the state the kiosk saw, merges over a newer one', () => {
    const policy = { kind: 'merge', rule: 'sessions' } as const;
    const base = {
      ...(fc.sample(session, 1)[0] as Replicated<Session>),
      status: 'planned' as const,
      notes: '',
      updatedAt: 1,
      _deleted: false,
    };
    const theirs = { ...base, status: 'open' as const, updatedAt: 2 };
    const mine = { ...base, notes: 'nota', updatedAt: 3 };
    expect(decidePush(policy, { master: base, incoming: mine, assumed: base }, mergeSessions)).toEqual({
      kind: 'write',
      doc: mine,
    });
    expect(decidePush(policy, { master: theirs, incoming: mine, assumed: base }, mergeSessions)).toEqual({
      kind: 'merged',
      doc: { ...mine, status: 'open' },
    });
    expect(decidePush(policy, { master: theirs, incoming: theirs, assumed: base }, mergeSessions).kind).toBe(
      'unchanged',
    );
  });
});

describe('sameDocument', () => {
  it('ignores the order of keys and absent members, not values', () => {
    expect(sameDocument({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1, d: undefined })).toBe(true);
    expect(sameDocument({ a: 1, b: [1, 2] }, { a: 1, b: [2, 1] })).toBe(false);
    expect(sameDocument({ a: 1 }, { a: '1' })).toBe(false);
    expect(canonicalJson({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
  });
});
