import type { ExitResult, HubToMain, MainToHub } from '@vigevano/protocol';
import { type UtilityProcess, utilityProcess } from 'electron';
import { RestartBackoff } from './restart-policy';

export type HubState =
  | { kind: 'starting' }
  | { kind: 'ready'; url: string; serverUrl: string | null; releasePublicKey: string | null }
  | { kind: 'restarting'; inMs: number };

/**
 * The hub service in an Electron utilityProcess (the main process holds no database): started, watched, and
 * restarted with backoff when it dies. The window follows its state.
 */
export class HubProcess {
  private child: UtilityProcess | undefined;
  private stopping = false;
  private readonly backoff = new RestartBackoff();
  private nextRequest = 1;
  private readonly pending = new Map<number, (result: ExitResult) => void>();

  constructor(
    private readonly entry: string,
    private readonly args: string[],
    private readonly env: Record<string, string>,
    private readonly onState: (state: HubState) => void,
  ) {}

  start(): void {
    this.onState({ kind: 'starting' });
    this.backoff.started(Date.now());
    const child = utilityProcess.fork(this.entry, this.args, {
      env: { ...process.env, ...this.env },
      serviceName: 'Vigevano hub service',
      stdio: 'inherit',
    });
    this.child = child;
    child.on('message', (message: HubToMain) => {
      if (message.type === 'ready')
        this.onState({
          kind: 'ready',
          url: message.url,
          serverUrl: message.serverUrl,
          releasePublicKey: message.releasePublicKey,
        });
      if (message.type === 'exit-pin-result') {
        this.pending.get(message.requestId)?.(message.result);
        this.pending.delete(message.requestId);
      }
    });
    child.on('exit', () => {
      this.child = undefined;
      for (const resolve of this.pending.values()) resolve({ ok: false });
      this.pending.clear();
      if (this.stopping) return;
      const inMs = this.backoff.exited(Date.now());
      this.onState({ kind: 'restarting', inMs });
      setTimeout(() => this.start(), inMs);
    });
  }

  /** Asks the hub service to check the facilitator PIN (it holds the hub's data; this process does not). */
  verifyExitPin(pin: string): Promise<ExitResult> {
    const child = this.child;
    if (!child) return Promise.resolve({ ok: false });
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      child.postMessage({ type: 'verify-exit-pin', requestId, pin } satisfies MainToHub);
    });
  }

  stop(): void {
    this.stopping = true;
    this.child?.kill();
  }
}
