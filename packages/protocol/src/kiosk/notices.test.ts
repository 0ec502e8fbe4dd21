import { describe, expect, it } from 'vitest';
import type { Notice } from '../collections/notices';
import { nextNoticeChange, noticeOnScreen, noticesForKiosk } from './notices';

const kiosk = { id: 'K1', hubId: 'H1', tags: ['totem'] };
const t0 = Date.parse('2026-11-26T09:00:00Z');

function notice(id: string, over: Partial<Notice> = {}): Notice {
  return {
    id,
    hubIds: [],
    deviceIds: [],
    tags: [],
    title: { it: id },
    text: { it: id },
    startsAt: t0,
    endsAt: t0 + 3_600_000,
    updatedAt: t0,
    ...over,
  };
}

describe('urgent notices on a kiosk', () => {
  it('keeps the notices aimed at the kiosk that are not over, earliest first', () => {
    const list = [
      notice('LATER', { startsAt: t0 + 600_000 }),
      notice('NOW'),
      notice('OTHER-HUB', { hubIds: ['H2'] }),
      notice('OTHER-TAG', { tags: ['bar'] }),
      notice('ENDED', { endedAt: t0 + 1000 }),
      notice('EXPIRED', { startsAt: t0 - 7_200_000, endsAt: t0 - 1 }),
    ];
    expect(noticesForKiosk(list, kiosk, t0 + 2000).map((n) => n.id)).toEqual(['NOW', 'LATER']);
  });

  it('shows the latest started notice, nothing before its start or from its end on', () => {
    const list = [notice('A'), notice('B', { startsAt: t0 + 600_000, endsAt: t0 + 900_000 })];
    expect(noticeOnScreen(list, t0 - 1)).toBeUndefined();
    expect(noticeOnScreen(list, t0)?.id).toBe('A');
    expect(noticeOnScreen(list, t0 + 600_000)?.id).toBe('B');
    expect(noticeOnScreen(list, t0 + 900_000)?.id).toBe('A');
    expect(noticeOnScreen(list, t0 + 3_600_000)).toBeUndefined();
    expect(noticeOnScreen([notice('A', { endedAt: t0 + 5 })], t0 + 5)).toBeUndefined();
  });

  it('names the next start or end as the moment to look again', () => {
    const list = [notice('A'), notice('B', { startsAt: t0 + 600_000, endsAt: t0 + 900_000 })];
    expect(nextNoticeChange(list, t0)).toBe(t0 + 600_000);
    expect(nextNoticeChange(list, t0 + 600_000)).toBe(t0 + 900_000);
    expect(nextNoticeChange(list, t0 + 3_600_000)).toBeUndefined();
  });
});
