import { describe, expect, it } from 'vitest';
import { signatureUrl, updateFeed } from './update-feed';

describe('update feed', () => {
  it("points electron-updater's generic provider at the city server", () => {
    expect(updateFeed('https://hub.comune.vigevano.pv.it')).toEqual({
      provider: 'generic',
      url: 'https://hub.comune.vigevano.pv.it/updates/stable/',
      channel: 'stable',
    });
    expect(updateFeed('http://127.0.0.1:4400/', 'pilot').url).toBe('http://127.0.0.1:4400/updates/pilot/');
  });

  it('refuses odd channels and non-HTTP servers', () => {
    expect(() => updateFeed('https://x', '../etc')).toThrow('invalid update channel');
    expect(() => updateFeed('file:///etc')).toThrow('invalid server URL');
  });

  it("finds a release's signature beside it on the feed", () => {
    expect(signatureUrl('https://x/updates/stable/', 'Kiosk 1.0.AppImage')).toBe(
      'https://x/updates/stable/Kiosk%201.0.AppImage.sig',
    );
  });
});
