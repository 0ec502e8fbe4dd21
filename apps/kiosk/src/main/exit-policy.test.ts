import type { ExitResult } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { ExitGate, verifyExit } from './exit-policy';

describe('leaving kiosk mode', () => {
  it('needs the PIN even when there is no hub service to check it', async () => {
    expect(await verifyExit('123456', undefined)).toEqual({ ok: false, reason: 'no_pin' });
  });

  it("asks the hub service's PIN check when there is one", async () => {
    const check = async (pin: string): Promise<ExitResult> =>
      pin === '246810' ? { ok: true } : { ok: false, reason: 'wrong' };
    expect(await verifyExit('246810', check)).toEqual({ ok: true });
    expect(await verifyExit('000000', check)).toEqual({ ok: false, reason: 'wrong' });
  });

  it("keeps the window open against the window manager's close until the PIN is verified", () => {
    const gate = new ExitGate();
    expect(gate.mayCloseWindow()).toBe(false);
    gate.allowExit();
    expect(gate.mayCloseWindow()).toBe(true);
  });

  it('lets the window close when the app itself quits', () => {
    const gate = new ExitGate();
    gate.quitStarted();
    expect(gate.mayCloseWindow()).toBe(true);
  });
});
