import { describe, expect, it } from 'vitest';
import { auditChanges, auditValue } from './audit-diff';

describe('auditChanges', () => {
  it('lists only the fields an edit changed, nested ones by path', () => {
    expect(
      auditChanges(
        { name: 'Totem 1', place: null, schedule: { from: 1, to: 2 }, hubIds: ['A'] },
        { name: 'Totem ingresso', place: 'Piano terra', schedule: { from: 1, to: 3 }, hubIds: ['A'] },
      ),
    ).toEqual([
      { field: 'name', before: 'Totem 1', after: 'Totem ingresso' },
      { field: 'place', before: '–', after: 'Piano terra' },
      { field: 'schedule.to', before: '2', after: '3' },
    ]);
  });

  it('shows every field of a creation and of a removal', () => {
    expect(auditChanges(null, { published: false, hubIds: ['A', 'B'], place: null })).toEqual([
      { field: 'published', before: '–', after: 'no' },
      { field: 'hubIds', before: '–', after: 'A, B' },
    ]);
    expect(auditChanges({ revoked: true }, null)).toEqual([{ field: 'revoked', before: 'sì', after: '–' }]);
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges('a', 'b')).toEqual([{ field: 'valore', before: 'a', after: 'b' }]);
  });

  it('names ids through the caller, and reads values as people do', () => {
    const hubs = new Map([['H1', 'Hub Centro']]);
    expect(auditChanges({ hubId: 'H1' }, { hubId: 'H2' }, (v) => hubs.get(v) ?? v)).toEqual([
      { field: 'hubId', before: 'Hub Centro', after: 'H2' },
    ]);
    expect(auditValue(true)).toBe('sì');
    expect(auditValue([])).toBe('–');
    expect(auditValue('')).toBe('–');
    expect(auditValue(12)).toBe('12');
    // a moment (a field named …At, epoch ms) reads as a date and time in Rome, never as a number
    const [expiry] = auditChanges(null, { expiresAt: Date.UTC(2026, 11, 8, 9, 5) });
    expect(expiry?.after).toMatch(/08\/12\/26.*10:05/);
  });

  it('reads opening intervals and other listed objects as words, never as JSON', () => {
    const before = { openingHours: [{ day: 1, open: '09:00', close: '13:00' }] };
    const after = {
      openingHours: [
        { day: 1, open: '09:00', close: '13:00' },
        { day: 3, open: '14:00', close: '18:00' },
      ],
    };
    expect(auditChanges(before, after)).toEqual([
      { field: 'openingHours', before: 'lun 09:00–13:00', after: 'lun 09:00–13:00, mer 14:00–18:00' },
    ]);
    expect(auditValue([{ id: 'F1', name: 'Anna', pin: null }])).toBe('F1 Anna');
  });
});
