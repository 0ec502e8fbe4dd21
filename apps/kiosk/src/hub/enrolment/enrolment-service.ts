import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { KioskHandlers } from '@vigevano/protocol';
import { attachKioskApi } from '../api/ws-server';
import { buildKioskHttp, NotReady } from '../http';
import type { KioskIdentity } from '../identity';
import { EnrolmentFailure, enrolKiosk } from './enrol';

const notYet = (): never => {
  throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'il totem non è ancora registrato' });
};

/**
 * A kiosk with no identity yet: the same UI and API on the same port, answering only "enrol me". When enrolment
 * succeeds, `onEnrolled` receives the identity (the caller then starts the real hub service).
 */
export async function startEnrolmentService(options: {
  dataDir: string;
  uiDir: string;
  port: number;
  onEnrolled: (identity: KioskIdentity) => void;
  logger?: boolean | { level: string };
  /** the lab escape hatch: enrol with a plain-http server on another machine (server-url.ts) */
  allowInsecureHttp?: boolean;
}): Promise<{ url: string; close(): Promise<void> }> {
  const secret = randomBytes(24).toString('base64url');
  const app = await buildKioskHttp({
    uiDir: options.uiDir,
    secret,
    state: async () => {
      throw new NotReady('Il totem non è ancora registrato: inserisci il codice di registrazione.');
    },
    logger: options.logger,
  });
  let enrolled = false;
  const handlers: KioskHandlers = {
    mode: async () => (enrolled ? 'kiosk' : 'enrolment'),
    enrol: async (input) => {
      if (enrolled) return { ok: false, message: 'il totem è già registrato' };
      try {
        const identity = await enrolKiosk({
          dataDir: options.dataDir,
          ...input,
          allowInsecureHttp: options.allowInsecureHttp ?? false,
        });
        enrolled = true;
        // Answer first, then hand over: the UI reloads and finds the real hub service.
        setTimeout(() => options.onEnrolled(identity), 50);
        return { ok: true, hubName: identity.hubId };
      } catch (error) {
        if (error instanceof EnrolmentFailure) return { ok: false, message: error.message };
        throw error;
      }
    },
    state: notYet,
    stateChanges: notYet,
    scan: notYet,
    played: notYet,
    guest: notYet,
    loginPin: notYet,
    loginCard: notYet,
    logout: notYet,
    sessionsToday: notYet,
    createSession: notYet,
    setStatus: notYet,
    roster: notYet,
    rosterChanges: notYet,
    mark: notYet,
    markMany: notYet,
    annulCheckin: notYet,
    issueCard: notYet,
    reissueCard: notYet,
    findCards: notYet,
  };
  let url = '';
  const api = attachKioskApi(app.server, handlers, {
    secret,
    allowedOrigins: () => [url, url.replace('127.0.0.1', 'localhost')],
  });
  url = await app.listen({ host: '127.0.0.1', port: options.port });
  return {
    url,
    close: async () => {
      await api.close();
      await app.close();
    },
  };
}
