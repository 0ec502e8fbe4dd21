import { KIOSK_CSP } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { withKioskCsp } from './csp';

describe('kiosk CSP in the Electron window', () => {
  it('adds the policy to a response that has none', () => {
    expect(withKioskCsp({ 'Content-Type': ['text/html'] })['Content-Security-Policy']).toEqual([KIOSK_CSP]);
    expect(withKioskCsp(undefined)['Content-Security-Policy']).toEqual([KIOSK_CSP]);
  });

  it("keeps a response's own policy (a card sheet's, say), whatever the header's case", () => {
    const own = { 'content-security-policy': ["default-src 'none'"] };
    expect(withKioskCsp(own)).toEqual(own);
  });

  it('allows nothing remote: every source is self, data, blob or none', () => {
    const sources = KIOSK_CSP.split(';').flatMap((d) => d.trim().split(/\s+/).slice(1));
    for (const s of sources)
      expect(["'self'", "'none'", 'data:', 'blob:', 'about:', "'wasm-unsafe-eval'"]).toContain(s);
  });
});
