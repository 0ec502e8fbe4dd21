import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// tsx's loader, run inside the child itself: the tsx CLI would put a second process in between, and a
// SIGKILL meant for the writer would only kill that middle process.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export type Child = {
  process: ChildProcessWithoutNullStreams;
  lines: string[];
  /** Resolves with the first line (from now on or already received) that satisfies the predicate. */
  waitFor: (predicate: (line: string) => boolean, timeoutMs?: number) => Promise<string>;
  send: (line: string) => void;
  exited: Promise<number | null>;
};

const running = new Set<ChildProcessWithoutNullStreams>();

/** Kills every child still running (tests call it after each test, so no writer outlives its test). */
export function killChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Runs a TypeScript file of test-support/ in a child Node process (through tsx) and collects its lines. */
export function startChild(script: string, args: string[]): Child {
  const child = spawn(process.execPath, ['--import', tsxLoader, join(here, script), ...args], {
    stdio: 'pipe',
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const lines: string[] = [];
  const waiters: { predicate: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    lines,
    exited,
    send: (line) => child.stdin.write(`${line}\n`),
    waitFor: (predicate, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const found = lines.find(predicate);
        if (found !== undefined) {
          resolve(found);
          return;
        }
        const timer = setTimeout(
          () =>
            reject(new Error(`child ${script}: no matching line within ${timeoutMs} ms; stderr: ${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`child ${script} exited (${code}) before a matching line; stderr: ${stderr}`));
        });
      }),
  };
}
