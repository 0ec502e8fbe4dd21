import { initTRPC, TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createKioskRouter, type KioskApiContext, type KioskHandlers } from './api';

const TOKEN = 'f'.repeat(32);

/** The kiosk router with a hub service that only issues cards, recording what reached it. */
function kioskApi() {
  const received: unknown[] = [];
  const handlers = {
    issueCard: async (input: unknown) => {
      received.push(input);
      return { card: {}, token: 'signed', sheetHtml: '<html></html>' };
    },
    scan: async (input: unknown) => {
      received.push(input);
      return { code: 'invalid', message: '', language: 'it' };
    },
  } as unknown as KioskHandlers;
  const t = initTRPC.context<KioskApiContext>().create();
  const caller = t.createCallerFactory(createKioskRouter(handlers))({ authorized: true });
  return { caller, received };
}

/** The TRPCError a call fails with. */
async function failure(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof TRPCError) return error;
  throw new Error(`expected a TRPCError, got ${String(error)}`);
}

describe('the kiosk API input parsers', () => {
  it('hand the handler the input, trimmed where the contract says so', async () => {
    const { caller, received } = kioskApi();
    await caller.issueCard({ token: TOKEN, alias: '  Maria  ', language: 'it' });
    expect(received).toEqual([{ token: TOKEN, alias: 'Maria', language: 'it' }]);
  });

  it('refuse bad input with BAD_REQUEST naming the field, before any handler runs', async () => {
    const { caller, received } = kioskApi();
    const language = await failure(
      caller.issueCard({ token: TOKEN, alias: 'Maria', language: 'xx' as 'it' }),
    );
    expect(language.code).toBe('BAD_REQUEST');
    expect(language.message).toBe(
      'invalid input: /language must be one of "it", "en", "ar", "fr", "es", "ro", "sq", "uk", "zh"',
    );
    const alias = await failure(caller.issueCard({ token: TOKEN, alias: '   ', language: 'it' }));
    expect(alias.code).toBe('BAD_REQUEST');
    expect(alias.message).toMatch(/^invalid input: \/alias /);
    const pin = await failure(caller.loginPin({ pin: '12ab' }));
    expect(pin.message).toBe('invalid input: /pin must be a PIN of 6 to 10 digits');
    const extra = await failure(
      caller.issueCard({ token: TOKEN, alias: 'A', language: 'it', admin: true } as never),
    );
    expect(extra.message).toBe('invalid input: /admin is not a known field');
    expect(received).toEqual([]);
  });

  it("carry the visitor's tapped language with a scan, and refuse one the kiosk does not offer", async () => {
    const { caller, received } = kioskApi();
    await caller.scan({ text: 'XYZ', source: 'manual', language: 'ar' });
    expect(received).toEqual([{ text: 'XYZ', source: 'manual', language: 'ar' }]);
    const wrong = await failure(caller.scan({ text: 'XYZ', source: 'manual', language: 'de' as 'it' }));
    expect(wrong.message).toMatch(/^invalid input: \/language must be one of/);
    expect(received).toHaveLength(1);
  });
});
