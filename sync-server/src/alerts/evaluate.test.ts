import type { DeviceRow } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { evaluateAlerts, italianDuration } from './evaluate';

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const HOUR = 3_600_000;
const thresholds = {
  silentAfterMs: 6 * HOUR,
  clockSkewMs: 5 * 60_000,
  pushBacklog: 500,
  reportLagMs: 300_000,
  diskLowMiB: 1024,
};

function kiosk(overrides: Partial<DeviceRow> = {}): DeviceRow {
  return {
    id: 'D1',
    name: 'Ingresso',
    place: null,
    hubId: 'H1',
    hubName: 'Hub Centro',
    revoked: false,
    tags: [],
    state: 'active',
    endedAt: null,
    movedToHubName: null,
    enrolledAt: NOW - 30 * 24 * HOUR,
    lastSeenAt: NOW - 60_000,
    lastPullAt: NOW - 60_000,
    lastPushAt: NOW - 60_000,
    pendingPush: 0,
    appVersion: '1.0.0',
    clockOffsetMs: 1_000,
    storage: 'ok',
    tooLarge: null,
    disk: { freeMiB: 20_000, totalMiB: 64_000 },
    media: null,
    stale: false,
    ...overrides,
  };
}

const noLag = { documents: 0, seconds: 0 };

describe('alert evaluation', () => {
  it.each([
    ['a healthy kiosk', kiosk(), []],
    ['a kiosk silent 7 h', kiosk({ lastSeenAt: NOW - 7 * HOUR }), ['device_silent:D1 warning']],
    ['a kiosk silent just under the threshold', kiosk({ lastSeenAt: NOW - 6 * HOUR + 1 }), []],
    [
      'a kiosk never heard from, enrolled 2 days ago',
      kiosk({ lastSeenAt: null, enrolledAt: NOW - 48 * HOUR }),
      ['device_silent:D1 warning'],
    ],
    [
      'a kiosk never heard from, enrolled a minute ago',
      kiosk({ lastSeenAt: null, enrolledAt: NOW - 60_000 }),
      [],
    ],
    ['a revoked kiosk, silent and full', kiosk({ revoked: true, lastSeenAt: null, storage: 'full' }), []],
    ['a full disk', kiosk({ storage: 'full' }), ['disk_full:D1 critical']],
    [
      'a disk with 1023 MiB free',
      kiosk({ disk: { freeMiB: 1023, totalMiB: 32_000 } }),
      ['disk_low:D1 warning'],
    ],
    ['a disk with 1024 MiB free', kiosk({ disk: { freeMiB: 1024, totalMiB: 32_000 } }), []],
    // full says more than nearly full: one alert, the critical one
    [
      'a full disk that also reports little space',
      kiosk({ storage: 'full', disk: { freeMiB: 0, totalMiB: 32_000 } }),
      ['disk_full:D1 critical'],
    ],
    ['a kiosk that never reported its disk', kiosk({ disk: null }), []],
    ['a clock 2 hours ahead', kiosk({ clockOffsetMs: 2 * HOUR }), ['clock_skew:D1 warning']],
    ['a clock 10 minutes behind', kiosk({ clockOffsetMs: -10 * 60_000 }), ['clock_skew:D1 warning']],
    ['a clock 4 minutes behind', kiosk({ clockOffsetMs: -4 * 60_000 }), []],
    ['an unknown clock', kiosk({ clockOffsetMs: null }), []],
    ['500 documents waiting', kiosk({ pendingPush: 500 }), ['push_backlog:D1 warning']],
    ['499 documents waiting', kiosk({ pendingPush: 499 }), []],
    [
      'silent, full and skewed: critical first',
      kiosk({ lastSeenAt: NOW - 8 * HOUR, storage: 'full', clockOffsetMs: HOUR }),
      ['disk_full:D1 critical', 'device_silent:D1 warning', 'clock_skew:D1 warning'],
    ],
  ] as const)('%s', (_name, device, expected) => {
    const alerts = evaluateAlerts({ now: NOW, devices: [device], reportLag: noLag, thresholds });
    expect(alerts.map((a) => `${a.id} ${a.severity}`)).toEqual(expected);
  });

  it.each([
    [{ documents: 1200, seconds: 600 }, ['report_lag warning']],
    [{ documents: 1200, seconds: 299 }, []],
    // an age without documents behind is an announcement already caught up by a reader
    [{ documents: 0, seconds: 900 }, []],
  ])('report lag %j', (reportLag, expected) => {
    const alerts = evaluateAlerts({ now: NOW, devices: [], reportLag, thresholds });
    expect(alerts.map((a) => `${a.id} ${a.severity}`)).toEqual(expected);
  });

  it('says what is wrong in Italian, naming the kiosk and its hub', () => {
    const [silent, skew, backlog] = evaluateAlerts({
      now: NOW,
      devices: [
        kiosk({ id: 'A', lastSeenAt: NOW - 7 * HOUR }),
        kiosk({ id: 'B', clockOffsetMs: -3 * HOUR }),
        kiosk({ id: 'C', pendingPush: 12_345 }),
      ],
      reportLag: noLag,
      thresholds,
    });
    expect(silent?.message).toBe('Il totem «Ingresso» (Hub Centro) non si collega da 7 ore.');
    expect(silent).toMatchObject({ deviceId: 'A', hubId: 'H1', since: NOW - 7 * HOUR });
    expect(skew?.message).toBe(
      "L'orologio del totem «Ingresso» (Hub Centro) è indietro di 3 ore: va regolato.",
    );
    expect(backlog?.message).toBe(
      'Il totem «Ingresso» (Hub Centro) ha 12.345 documenti ancora da inviare al server.',
    );
    const [lag] = evaluateAlerts({
      now: NOW,
      devices: [],
      reportLag: { documents: 5, seconds: 720 },
      thresholds,
    });
    expect(lag).toMatchObject({ since: NOW - 720_000, deviceId: null });
    expect(lag?.message).toBe('I resoconti sono indietro di 12 minuti: 5 documenti ancora da elaborare.');
    const [low] = evaluateAlerts({
      now: NOW,
      devices: [kiosk({ disk: { freeMiB: 700, totalMiB: 29_900 } })],
      reportLag: noLag,
      thresholds,
    });
    expect(low?.message).toBe(
      'Il totem «Ingresso» (Hub Centro) ha solo 700 MB liberi su 29,2 GB: quando il disco è pieno non registra più ingressi.',
    );
  });

  it('keeps the start of an alert that was already open', () => {
    const input = { now: NOW, devices: [kiosk({ storage: 'full' })], reportLag: noLag, thresholds };
    expect(evaluateAlerts(input)[0]?.since).toBe(NOW);
    const openSince = new Map([['disk_full:D1', NOW - HOUR]]);
    expect(evaluateAlerts({ ...input, openSince })[0]?.since).toBe(NOW - HOUR);
  });

  it.each([
    [30_000, '1 minuto'],
    [5 * 60_000, '5 minuti'],
    [HOUR, '1 ora'],
    [2 * HOUR - 1, '2 ore'],
    [47 * HOUR, '47 ore'],
    [72 * HOUR, '3 giorni'],
  ])('writes %d ms as "%s"', (ms, text) => {
    expect(italianDuration(ms)).toBe(text);
  });
});
