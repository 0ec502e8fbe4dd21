import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

const binDir = resolve(import.meta.dirname, '../../node_modules/.bin');

/** Starts a child whose output is prefixed with its name, so the three logs stay readable in one terminal. */
export function startChild(name: string, command: string[], env: Record<string, string>): Child {
  const [cmd, ...args] = command;
  if (!cmd) throw new Error(`no command for ${name}`);
  const child = spawn(cmd, args, {
    env: { ...process.env, ...env, PATH: `${binDir}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  const relay = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) out.write(`${prefix}${line}\n`);
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  const exited = new Promise<number | null>((resolveExit) => {
    child.on('exit', (code) => resolveExit(code));
    child.on('error', (error) => {
      process.stderr.write(`${prefix}${error.message}\n`);
      resolveExit(1);
    });
  });
  return { name, process: child, exited };
}

/** Polls a URL until it answers 2xx; fails early if the child that should serve it exits. */
export async function waitForHttp(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child.name} stopped before it was ready (see the log above)`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${child.name} does not answer on ${url} after ${timeoutMs / 1000} s`);
}

/** SIGTERM to every child, then SIGKILL to those still running after 10 s. */
export async function stopAll(children: Child[]): Promise<void> {
  for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGTERM');
  const timeout = new Promise((r) => setTimeout(r, 10_000).unref());
  await Promise.race([Promise.all(children.map((c) => c.exited)), timeout]);
  for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
}
