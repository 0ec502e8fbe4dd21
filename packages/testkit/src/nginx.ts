import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports.ts';
import { availableOrSkip } from './requirements.ts';
import { tempDir } from './tmp.ts';

/** nginx as Debian installs it, or NGINX_PATH. */
export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface NginxProxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real nginx reverse proxy in front of `target` on a free port, as a city would put one in front of the sync
 * server, with the given request body limit (nginx's `client_max_body_size`; its default is 1m). Answers 413 to
 * a larger body. Returns undefined and prints why when nginx is missing (fails in CI: VIGEVANO_REQUIRE_NGINX=1).
 */
export async function startNginxProxy(
  target: string,
  clientMaxBodySize: string,
): Promise<NginxProxy | undefined> {
  if (!availableOrSkip('NGINX', existsSync(NGINX_PATH), `nginx not found at ${NGINX_PATH}`)) return undefined;
  const dir = tempDir('vigevano-nginx-');
  const port = await freePort();
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir.path, d));
  const { host } = new URL(target);
  writeFileSync(
    join(dir.path, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir.path}/nginx.pid;
error_log ${dir.path}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir.path}/body;
  proxy_temp_path ${dir.path}/proxy;
  fastcgi_temp_path ${dir.path}/fastcgi;
  uwsgi_temp_path ${dir.path}/uwsgi;
  scgi_temp_path ${dir.path}/scgi;
  server {
    listen 127.0.0.1:${port};
    client_max_body_size ${clientMaxBodySize};
    location / {
      proxy_pass http://${host};
      proxy_http_version 1.1;
      # the sync stream is Server-Sent Events: pass it on as it comes
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX_PATH, ['-p', dir.path, '-c', join(dir.path, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${log}`);
    try {
      await fetch(url);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx not answering at ${url}: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      dir.remove();
    },
  };
}
