// The kiosk's hub service in plain Node (browser mode; under Electron the same code runs in a utilityProcess):
//   tsx apps/kiosk/src/hub/main.ts --data <kiosk data dir> [--allow-insecure-http]
// KIOSK_PORT (default 4410) on 127.0.0.1; SERVER_URL overrides the server address in identity.json. The server
// address must be https unless on this machine; --allow-insecure-http (or VIGEVANO_ALLOW_INSECURE_HTTP=1) allows
// plain http in a lab, logged loudly (server-url.ts).

import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loggerOptions } from '@vigevano/logging';
import type { ExitResult, HubToMain, MainToHub } from '@vigevano/protocol';
import { Subject } from 'rxjs';
import { startEnrolmentService } from './enrolment/enrolment-service';
import { startHubService } from './hub-service';
import { IdentityError, type KioskIdentity, readIdentityWith } from './identity';
import { allowInsecureHttpFrom, checkServerUrl, insecureHttpWarning, ServerUrlError } from './server-url';
import { isDiskFullError } from './storage/disk-full';

// RxDB's replication writes its checkpoints in promise chains nobody awaits: with a full disk they reject unhandled,
// which would end the process (and every restart too, while the disk stays full). Those go to the hub service, which
// pauses replication until space is freed; any other unhandled rejection still ends the process as Node's default.
const storageFailures$ = new Subject<unknown>();
process.on('unhandledRejection', (reason) => {
  if (!isDiskFullError(reason)) throw reason;
  console.warn(`disk full: ${reason instanceof Error ? reason.message : String(reason)}`);
  storageFailures$.next(reason);
});

async function main() {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, 'allow-insecure-http': { type: 'boolean' } },
  });
  const allowInsecureHttp = allowInsecureHttpFrom(values['allow-insecure-http'], process.env);
  if (!values.data) {
    console.error('usage: hub service --data <kiosk data directory> [--allow-insecure-http]');
    process.exit(2);
  }
  const dataDir = resolve(values.data);
  // The kiosk's identity (device key, token) and its visitors' check-ins: owner only, even on a shared machine.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const uiDir = resolve(process.env.KIOSK_UI_DIR ?? resolve(import.meta.dirname, '../../dist/ui'));
  const port = Number(process.env.KIOSK_PORT ?? 4410);
  const logger = loggerOptions(process.env.LOG_LEVEL ?? 'info');

  const run = async (identity: KioskIdentity) => {
    const effective = process.env.SERVER_URL ? { ...identity, serverUrl: process.env.SERVER_URL } : identity;
    if (process.env.SERVER_URL) {
      const checked = checkServerUrl(process.env.SERVER_URL, { allowInsecureHttp });
      if (checked.insecure) console.warn(insecureHttpWarning(checked.url));
    }
    const service = await startHubService({
      dataDir,
      identity: effective,
      uiDir,
      port,
      logger,
      storageFailures$,
      // KIOSK_MEDIA_BUDGET_MB: the most media (MB) kept for offline play; unset or not a positive number: 500
      ...(Number(process.env.KIOSK_MEDIA_BUDGET_MB) > 0
        ? { mediaBudgetBytes: Number(process.env.KIOSK_MEDIA_BUDGET_MB) * 1024 * 1024 }
        : {}),
    });
    console.log(`hub service ready at ${service.url} (kiosk ${identity.deviceId}, hub ${identity.hubId})`);
    connectToShell(service.url, effective.serverUrl, identity.releasePublicKey ?? null, (pin) =>
      service.verifyExitPin(pin),
    );
    onShutdown(() => service.close());
  };

  if (!existsSync(join(dataDir, 'identity.json'))) {
    // A new kiosk: serve the enrolment screen until staff type a code, then become the hub service.
    const enrolment = await startEnrolmentService({
      dataDir,
      uiDir,
      port,
      logger,
      allowInsecureHttp,
      onEnrolled: (identity) => {
        void enrolment
          .close()
          .then(() => run(identity))
          .catch((error: unknown) => {
            console.error(error);
            process.exit(1);
          });
      },
    });
    console.log(`kiosk not enrolled yet: enrolment screen at ${enrolment.url}`);
    // No facilitator PIN exists before enrolment, and leaving kiosk mode always takes one: the installer leaves
    // an unenrolled kiosk from a console.
    connectToShell(enrolment.url, null, null, async () => ({ ok: false, reason: 'no_pin' }));
    onShutdown(() => enrolment.close());
    return;
  }
  try {
    await run(readIdentityWith(dataDir, { allowInsecureHttp }));
  } catch (error) {
    if (error instanceof IdentityError || error instanceof ServerUrlError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

let shutdownHook: (() => Promise<void>) | undefined;
let closing = false;
function onShutdown(hook: () => Promise<void>): void {
  shutdownHook = hook;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void (shutdownHook?.() ?? Promise.resolve()).finally(() => process.exit(0));
  });

/**
 * Under Electron this process is a utilityProcess: `process.parentPort` links it to the shell (typed messages of
 * packages/protocol). Plain Node has no parentPort, and this does nothing.
 */
function connectToShell(
  url: string,
  serverUrl: string | null,
  releasePublicKey: string | null,
  verifyExitPin: (pin: string) => Promise<ExitResult>,
): void {
  const port = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
  if (!port) return;
  port.on('message', (event) => {
    const message = event.data as MainToHub;
    if (message.type === 'verify-exit-pin')
      void verifyExitPin(message.pin).then((result) =>
        port.postMessage({
          type: 'exit-pin-result',
          requestId: message.requestId,
          result,
        } satisfies HubToMain),
      );
  });
  port.postMessage({ type: 'ready', url, serverUrl, releasePublicKey } satisfies HubToMain);
}

interface ParentPort {
  postMessage(message: HubToMain): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
